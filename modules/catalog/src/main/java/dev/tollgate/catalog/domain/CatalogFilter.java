package dev.tollgate.catalog.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The filters OpenMeter offers on plans, add-ons and a plan's add-ons: ids, keys, key → versions, statuses and
 * currencies (each empty for "any"), deleted versions or not, and the order.
 */
public record CatalogFilter(boolean includeDeleted, List<UUID> ids, List<String> keys, Map<String, List<Integer>> keyVersions,
                            List<CatalogStatus> statuses, List<String> currencies, String orderBy, boolean descending) {
}

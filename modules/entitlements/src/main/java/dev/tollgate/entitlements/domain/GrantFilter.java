package dev.tollgate.entitlements.domain;

import java.util.List;
import java.util.UUID;

/** Which grants a list returns: of these entitlements, customers and features (each empty for any), deleted ones or not. */
public record GrantFilter(List<UUID> entitlementIds, List<UUID> customerIds, List<String> featureKeys, boolean includeDeleted, String orderBy,
                          boolean descending) {
}

package dev.tollgate.entitlements.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which entitlements a list returns: of these customers and features and types (each empty for any), deleted ones or
 * not, only those active at {@code activeAt} when set; ordered by {@code createdAt} or {@code updatedAt}.
 */
public record EntitlementFilter(List<UUID> customerIds, List<String> featureKeys, List<String> types, boolean includeDeleted,
                                Instant activeAt, String orderBy, boolean descending) {
}

package dev.tollgate.entitlements.domain;

import java.time.Instant;
import java.util.UUID;

/** A manual reset of a metered entitlement: a new usage period from {@code at}, anchored there unless retained. */
public record ResetRecord(UUID id, UUID entitlementId, Instant at, boolean retainAnchor, Boolean preserveOverage, Instant createdAt) {
}

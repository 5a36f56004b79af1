package dev.tollgate.entitlements.api.events;

import java.time.Instant;

/**
 * A metered entitlement's usage was reset by hand (OpenMeter's {@code POST .../reset}): a new usage period starts at
 * {@code at}. Resets at the end of a usage period are not announced one by one; watchers see the new period.
 *
 * @param namespace     the namespace (organization id)
 * @param entitlementId the entitlement's ULID
 * @param featureId     the feature's ULID
 * @param at            where the new usage period starts (the reset's effectiveAt)
 * @param occurredAt    when the reset was made
 */
public record EntitlementReset(String namespace, String entitlementId, String featureId, String featureKey, Instant at, Instant occurredAt) {
}

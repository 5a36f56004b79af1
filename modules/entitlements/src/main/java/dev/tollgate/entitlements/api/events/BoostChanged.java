package dev.tollgate.entitlements.api.events;

import java.time.Instant;

/**
 * A boost (extra allowance of a feature) began or ended for a workspace: php-tenant's {@code boost_activated} and
 * {@code boost_expired} webhooks (ADR 0048). {@code active} tells which.
 */
public record BoostChanged(String organizationPublicId, String featureCode, long value, String type, Instant expiresAt, boolean active,
                           Instant occurredAt) {
}

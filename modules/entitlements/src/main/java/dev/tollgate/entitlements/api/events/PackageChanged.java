package dev.tollgate.entitlements.api.events;

import java.time.Instant;

/**
 * A workspace's package was provisioned or changed state ({@code change}: provisioned, renewed, suspended, unsuspended,
 * cancelled): php-tenant's {@code package_changed} webhook (ADR 0048).
 */
public record PackageChanged(String organizationPublicId, long entitlementId, String packageCode, String packageName, String status, String change,
                             Instant expiresAt, Instant occurredAt) {
}

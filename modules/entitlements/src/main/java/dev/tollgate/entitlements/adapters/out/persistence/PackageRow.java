package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code entitlements.packages}; the database numbers it (php-tenant's integer ids). */
@MappedEntity(value = "packages", schema = "entitlements")
record PackageRow(@Id @GeneratedValue @Nullable Long id, UUID organizationId, UUID partnerId, String productKey, String productName, String status,
                  @Nullable String statusReason, Instant startsAt, @Nullable Instant expiresAt, @Nullable Instant billingCycleAnchor,
                  @Nullable String blestaServiceId, Instant createdAt, Instant updatedAt, String productKind, String productCode) {
}

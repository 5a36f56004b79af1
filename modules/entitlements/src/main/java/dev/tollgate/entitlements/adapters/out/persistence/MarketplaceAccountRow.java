package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code entitlements.marketplace_accounts}. */
@MappedEntity(value = "marketplace_accounts", schema = "entitlements")
record MarketplaceAccountRow(@Id UUID id, String provider, String externalId, @Nullable UUID organizationId,
                             @Nullable String vendorAccountId, @Nullable String productCode, String plan, String status,
                             @Nullable String accessTokenSealed, @Nullable String claimTokenHash, Instant createdAt, Instant updatedAt,
                             @Nullable Instant endedAt) {
}

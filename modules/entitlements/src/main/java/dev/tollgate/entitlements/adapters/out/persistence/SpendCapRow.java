package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code entitlements.spend_caps}: one per organization that ever set a cap or an overage setting. */
@MappedEntity(value = "spend_caps", schema = "entitlements")
record SpendCapRow(@Id UUID organizationId, String organizationPublicId, @Nullable BigDecimal spendLimit, boolean overageEnabled,
                   @Nullable Instant overageEnabledAt, BigDecimal charges, @Nullable String currency, @Nullable Instant periodStart,
                   @Nullable Instant periodEnd, int alertedPercent, boolean reached, @Nullable Instant evaluatedAt, Instant updatedAt) {
}

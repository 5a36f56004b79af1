package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code entitlements.grants}; the recurrence is two columns, the metadata and annotations {@code jsonb}. */
@MappedEntity(value = "grants", schema = "entitlements", alias = "g")
record GrantRow(@Id UUID id, UUID namespace, UUID entitlementId, BigDecimal amount, int priority, Instant effectiveAt,
                @Nullable String expirationDuration, @Nullable Integer expirationCount, @Nullable Instant expiresAt,
                BigDecimal maxRollover, BigDecimal minRollover, @Nullable String recurrenceInterval, @Nullable Instant recurrenceAnchor,
                @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata,
                @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> annotations, Instant createdAt, Instant updatedAt,
                @Nullable Instant deletedAt, @Nullable Instant voidedAt) {
}

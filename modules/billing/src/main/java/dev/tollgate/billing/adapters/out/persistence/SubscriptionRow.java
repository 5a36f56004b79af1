package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code billing.subscriptions}; {@code terms} is {@code {"phases": [...]}}. */
@MappedEntity(value = "subscriptions", schema = "billing")
record SubscriptionRow(@Id UUID id, UUID namespace, String customerId, String name, @Nullable String description,
                       @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, @Nullable UUID planId, @Nullable String planKey,
                       @Nullable Integer planVersion, String currency, String billingCadence, boolean proRating, Instant billingAnchor,
                       Instant activeFrom, @Nullable Instant activeTo, @TypeDef(type = DataType.JSON) Map<String, Object> annotations,
                       @TypeDef(type = DataType.JSON) Map<String, Object> terms, Instant createdAt, Instant updatedAt,
                       @Nullable Instant deletedAt) {
}

package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code billing.profiles}: the supplier and the default tax config are {@code jsonb}, the workflow is in columns. */
@MappedEntity(value = "profiles", schema = "billing")
record ProfileRow(@Id UUID id, UUID namespace, String name, @Nullable String description,
                  @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata,
                  @TypeDef(type = DataType.JSON) Map<String, Object> supplier, String collectionAlignment, @Nullable String recurringInterval,
                  @Nullable Instant recurringAnchor, String collectionInterval, boolean autoAdvance, String draftPeriod, String dueAfter,
                  boolean progressiveBilling, @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> defaultTaxConfig,
                  String collectionMethod, boolean taxEnabled, boolean taxEnforced, UUID taxAppId, UUID invoicingAppId, UUID paymentAppId,
                  boolean isDefault, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}

package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code entitlements.entitlements}; the usage period is two columns, the metadata and annotations {@code jsonb}. */
@MappedEntity(value = "entitlements", schema = "entitlements")
record EntitlementRow(@Id UUID id, UUID namespace, UUID customerId, @Nullable String customerKey, @Nullable String subjectKey, UUID featureId,
                      String featureKey, String type, @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata,
                      @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> annotations, Instant activeFrom, @Nullable Instant activeTo,
                      @MappedProperty("is_soft_limit") boolean softLimit, @Nullable BigDecimal issueAmount, int issuePriority,
                      boolean preserveOverageAtReset, @Nullable String usagePeriodInterval, @Nullable Instant usagePeriodAnchor,
                      @Nullable Instant measureUsageFrom, @Nullable String config, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}

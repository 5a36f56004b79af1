package dev.tollgate.catalog.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code catalog.features}; the metadata, the meter filters and the unit cost are {@code jsonb}. */
@MappedEntity(value = "features", schema = "catalog")
record FeatureRow(@Id UUID id, UUID namespace, String key, String name, @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata,
                  @Nullable String meterSlug, @Nullable @TypeDef(type = DataType.JSON) Map<String, String> meterGroupByFilters,
                  @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> advancedMeterGroupByFilters,
                  @Nullable @TypeDef(type = DataType.JSON) Map<String, Object> unitCost, Instant createdAt, Instant updatedAt,
                  @Nullable Instant archivedAt) {
}

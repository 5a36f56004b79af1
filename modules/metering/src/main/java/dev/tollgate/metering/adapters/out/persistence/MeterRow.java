package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code metering.meters}; group-by and metadata are {@code jsonb} objects of strings. */
@MappedEntity(value = "meters", schema = "metering")
record MeterRow(@Id UUID id, UUID namespace, String slug, String name, @Nullable String description, String aggregation, String eventType,
                @Nullable Instant eventFrom, @Nullable String valueProperty, @TypeDef(type = DataType.JSON) Map<String, String> groupBy,
                @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, Instant createdAt, Instant updatedAt,
                @Nullable Instant deletedAt) {
}

package dev.tollgate.catalog.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code catalog.product_versions}: a plan's or an add-on's version ({@code kind}), its terms a {@code jsonb} document. */
@MappedEntity(value = "product_versions", schema = "catalog")
record ProductVersionRow(@Id UUID id, UUID namespace, String kind, String key, int version, String name, @Nullable String description,
                         @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata, String currency,
                         @TypeDef(type = DataType.JSON) Map<String, Object> terms, @Nullable Instant effectiveFrom,
                         @Nullable Instant effectiveTo, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}

package dev.tollgate.catalog.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A row of {@code catalog.plan_addons}: an add-on version offered with a plan version. */
@MappedEntity(value = "plan_addons", schema = "catalog")
record PlanAddonRow(@Id UUID id, UUID namespace, UUID planId, UUID addonId, @Nullable @TypeDef(type = DataType.JSON) Map<String, String> metadata,
                    String fromPlanPhase, @Nullable Integer maxQuantity, Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}

package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code metering.subjects}; the metadata stays JSON text, as PostgreSQL prints the {@code jsonb}. */
@MappedEntity(value = "subjects", schema = "metering")
record SubjectRow(@Id UUID id, UUID namespace, String key, @Nullable String displayName, @Nullable @TypeDef(type = DataType.JSON) String metadata,
                  @Nullable Instant currentPeriodStart, @Nullable Instant currentPeriodEnd, @Nullable String stripeCustomerId,
                  Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
}

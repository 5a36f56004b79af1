package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code entitlements.usage_records}; the metadata arrives as JSON text and is stored as it came. */
@MappedEntity(value = "usage_records", schema = "entitlements")
record UsageRecordRow(@Id @GeneratedValue @Nullable Long id, UUID organizationId, String featureKey, long quantity,
                      @Nullable @TypeDef(type = DataType.JSON) String metadata, UUID recordedBy, Instant createdAt) {
}

package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.Map;

/** A row of {@code entitlements.vercel_resources}. */
@MappedEntity(value = "vercel_resources", schema = "entitlements")
record VercelResourceRow(@Id String id, String installationId, String productId, String name,
                         @TypeDef(type = DataType.JSON) Map<String, Object> metadata, @Nullable String idempotencyKey, Instant createdAt,
                         @Nullable Instant deletedAt) {
}

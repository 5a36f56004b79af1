package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "bouncers", schema = "proxy")
record BouncerRow(@Id UUID id, UUID branchId, String name, int poolSize, String poolMode, Instant createdAt, Instant updatedAt,
                  @Nullable Instant deletedAt) {
}

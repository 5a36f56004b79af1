package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "service_token_accesses", schema = "tenancy")
record ServiceTokenAccessRow(@Id UUID id, String publicId, UUID serviceTokenId, String access, @Nullable String databaseName,
                             Instant createdAt) {
}

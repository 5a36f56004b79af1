package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "service_tokens", schema = "tenancy")
record ServiceTokenRow(@Id UUID id, String publicId, UUID organizationId, String name, String secretHash, Instant createdAt,
                       @Nullable Instant lastUsedAt) {
}

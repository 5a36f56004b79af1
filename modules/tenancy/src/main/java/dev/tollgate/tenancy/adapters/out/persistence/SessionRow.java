package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "sessions", schema = "tenancy")
record SessionRow(@Id UUID id, UUID userId, String secretHash, Instant createdAt, Instant expiresAt, @Nullable Instant revokedAt) {
}

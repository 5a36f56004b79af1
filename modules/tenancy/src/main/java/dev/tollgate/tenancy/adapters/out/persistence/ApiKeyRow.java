package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** {@code scopes} is a space-separated list; scopes never contain spaces. */
@MappedEntity(value = "api_keys", schema = "tenancy")
record ApiKeyRow(@Id UUID id, String publicId, UUID organizationId, @Nullable UUID createdBy, String name, String prefix,
                 String secretHash, String scopes, Instant createdAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {
}

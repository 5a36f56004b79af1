package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "users", schema = "tenancy")
record UserRow(@Id UUID id, String publicId, String email, String name, String passwordHash,
               @Nullable UUID currentOrganizationId, Instant createdAt, Instant updatedAt) {
}

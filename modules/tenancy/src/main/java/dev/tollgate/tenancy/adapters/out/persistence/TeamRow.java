package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "teams", schema = "tenancy")
record TeamRow(@Id UUID id, String publicId, UUID organizationId, String slug, String name, @Nullable String description,
               Instant createdAt, Instant updatedAt) {
}

package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "organizations", schema = "tenancy")
record OrganizationRow(@Id UUID id, String publicId, long number, String slug, String name, @Nullable String description,
                       @Nullable String icon, @Nullable String color, String type, boolean active,
                       @Nullable String billingEmail, String plan, UUID ownerId, Instant createdAt, Instant updatedAt,
                       @Nullable Instant deletedAt, @Nullable Instant purgeAfter) {
}

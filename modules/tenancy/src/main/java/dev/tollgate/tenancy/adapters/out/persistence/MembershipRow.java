package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "memberships", schema = "tenancy")
record MembershipRow(@Id UUID id, String publicId, UUID organizationId, UUID userId, String role, Instant createdAt) {
}

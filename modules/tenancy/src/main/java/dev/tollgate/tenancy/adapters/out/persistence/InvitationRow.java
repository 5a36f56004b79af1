package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

@MappedEntity(value = "invitations", schema = "tenancy")
record InvitationRow(@Id UUID id, String publicId, UUID organizationId, String email, String role, @Nullable UUID invitedBy,
                     Instant createdAt, Instant expiresAt) {
}

package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Instant;
import java.util.UUID;

/** A user's place in an organization and the role it grants. */
public record Membership(UUID id, String publicId, UUID organizationId, UUID userId, Role role, Instant createdAt) {
    public static Membership join(UUID organizationId, UUID userId, Role role, Instant now) {
        UUID id = TypeId.newUuid();
        return new Membership(id, TypeId.format("mem", id), organizationId, userId, role, now);
    }

    public Membership withRole(Role newRole) {
        return new Membership(id, publicId, organizationId, userId, newRole, createdAt);
    }
}

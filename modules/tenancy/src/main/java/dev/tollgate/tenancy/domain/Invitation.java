package dev.tollgate.tenancy.domain;

import dev.tollgate.platform.domain.TypeId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * An organization's offer of a role to whoever holds an account with {@code email}. It becomes a membership only
 * when that person accepts it, so inviting reveals nothing about which emails have accounts.
 *
 * @param invitedBy the user who invited, or null when an API key or service token did
 */
public record Invitation(UUID id, String publicId, UUID organizationId, String email, Role role, UUID invitedBy,
                         Instant createdAt, Instant expiresAt) {
    /** Long enough to survive a holiday, short enough that a forgotten offer does not stay open for good. */
    public static final Duration VALIDITY = Duration.ofDays(14);

    public static Invitation issue(UUID organizationId, String email, Role role, UUID invitedBy, Instant now) {
        UUID id = TypeId.newUuid();
        return new Invitation(id, TypeId.format("inv", id), organizationId, User.normalizeEmail(email), role, invitedBy,
                now, now.plus(VALIDITY));
    }

    /** Inviting the same email again renews the offer (with the new role) rather than stacking a second one. */
    public Invitation renewed(Role newRole, UUID newInvitedBy, Instant now) {
        return new Invitation(id, publicId, organizationId, email, newRole, newInvitedBy, now, now.plus(VALIDITY));
    }

    public boolean isOpen(Instant now) {
        return now.isBefore(expiresAt);
    }
}

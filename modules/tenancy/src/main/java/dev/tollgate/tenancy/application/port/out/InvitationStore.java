package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.tenancy.domain.Invitation;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface InvitationStore {
    void save(Invitation invitation);

    Optional<Invitation> findByPublicId(String publicId);

    Optional<Invitation> find(UUID organizationId, String email);

    /** The organization's invitations, oldest first, expired ones included (callers filter). */
    List<Invitation> forOrganization(UUID organizationId);

    /** Every invitation addressed to {@code email}, oldest first, expired ones included (callers filter). */
    List<Invitation> addressedTo(String email);

    void delete(UUID invitationId);
}

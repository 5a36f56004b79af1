package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.InvitationStore;
import dev.tollgate.tenancy.domain.Invitation;
import dev.tollgate.tenancy.domain.Role;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcInvitationStore implements InvitationStore {
    private final InvitationRowRepository rows;

    JdbcInvitationStore(InvitationRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Invitation i) {
        Rows.upsert(rows, i.id(), new InvitationRow(i.id(), i.publicId(), i.organizationId(), i.email(), i.role().name(),
                i.invitedBy(), i.createdAt(), i.expiresAt()));
    }

    @Override
    public Optional<Invitation> findByPublicId(String publicId) {
        return rows.findByPublicId(publicId).map(JdbcInvitationStore::toDomain);
    }

    @Override
    public Optional<Invitation> find(UUID organizationId, String email) {
        return rows.findByOrganizationIdAndEmail(organizationId, email).map(JdbcInvitationStore::toDomain);
    }

    @Override
    public List<Invitation> forOrganization(UUID organizationId) {
        return rows.findByOrganizationIdOrderByCreatedAt(organizationId).stream().map(JdbcInvitationStore::toDomain).toList();
    }

    @Override
    public List<Invitation> addressedTo(String email) {
        return rows.findByEmailOrderByCreatedAt(email).stream().map(JdbcInvitationStore::toDomain).toList();
    }

    @Override
    public void delete(UUID invitationId) {
        rows.deleteById(invitationId);
    }

    private static Invitation toDomain(InvitationRow r) {
        return new Invitation(r.id(), r.publicId(), r.organizationId(), r.email(), Role.valueOf(r.role()), r.invitedBy(),
                r.createdAt(), r.expiresAt());
    }
}

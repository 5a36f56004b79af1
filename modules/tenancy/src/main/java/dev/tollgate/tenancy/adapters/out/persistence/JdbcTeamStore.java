package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.tenancy.application.port.out.TeamStore;
import dev.tollgate.tenancy.domain.Team;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcTeamStore implements TeamStore {
    private final TeamRowRepository rows;

    JdbcTeamStore(TeamRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(Team t) {
        TeamRow row = new TeamRow(t.id(), t.publicId(), t.organizationId(), t.slug(), t.name(), t.description(), t.createdAt(), t.updatedAt());
        UniqueViolations.translate(() -> Rows.upsert(rows, t.id(), row),
                () -> new ConflictException("team_exists", "A team named '" + t.slug() + "' already exists"));
    }

    @Override
    public Optional<Team> findBySlug(UUID organizationId, String slug) {
        return rows.findByOrganizationIdAndSlug(organizationId, slug).map(JdbcTeamStore::toDomain);
    }

    @Override
    public Page<Team> list(UUID organizationId, PageRequest page) {
        return new Page<>(rows.page(organizationId, page.limit(), page.offset()).stream().map(JdbcTeamStore::toDomain).toList(),
                rows.countByOrganizationId(organizationId), page);
    }

    @Override
    public int countMembers(UUID teamId) {
        return rows.countMembers(teamId);
    }

    @Override
    public void delete(UUID teamId) {
        rows.deleteById(teamId);
    }

    @Override
    public void removeMemberFromTeams(UUID organizationId, UUID userId) {
        rows.removeMemberFromTeams(organizationId, userId);
    }

    private static Team toDomain(TeamRow r) {
        return new Team(r.id(), r.publicId(), r.organizationId(), r.slug(), r.name(), r.description(), r.createdAt(), r.updatedAt());
    }
}

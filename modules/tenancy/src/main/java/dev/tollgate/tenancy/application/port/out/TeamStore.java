package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.domain.Team;
import java.util.Optional;
import java.util.UUID;

public interface TeamStore {
    /** Inserts or updates; a slug already used in the organization raises a conflict. */
    void save(Team team);

    Optional<Team> findBySlug(UUID organizationId, String slug);

    Page<Team> list(UUID organizationId, PageRequest page);

    int countMembers(UUID teamId);

    void delete(UUID teamId);

    /** Takes a removed member out of every team of the organization. */
    void removeMemberFromTeams(UUID organizationId, UUID userId);
}

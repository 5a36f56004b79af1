package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TeamRowRepository extends CrudRepository<TeamRow, UUID> {
    Optional<TeamRow> findByOrganizationIdAndSlug(UUID organizationId, String slug);

    long countByOrganizationId(UUID organizationId);

    @Query(value = "SELECT * FROM tenancy.teams WHERE organization_id = :organizationId ORDER BY created_at, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<TeamRow> page(UUID organizationId, int limit, int offset);

    @Query(value = "SELECT count(*) FROM tenancy.team_members WHERE team_id = :teamId", nativeQuery = true)
    int countMembers(UUID teamId);

    @Query(value = """
            DELETE FROM tenancy.team_members tm USING tenancy.teams t
            WHERE tm.team_id = t.id AND t.organization_id = :organizationId AND tm.user_id = :userId""", nativeQuery = true)
    void removeMemberFromTeams(UUID organizationId, UUID userId);
}

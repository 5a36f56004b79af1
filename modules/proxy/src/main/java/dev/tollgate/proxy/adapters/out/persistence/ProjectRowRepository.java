package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProjectRowRepository extends CrudRepository<ProjectRow, UUID> {
    Optional<ProjectRow> findByIdAndStatusNotEqual(UUID id, String status);

    Optional<ProjectRow> findByProxyHostAndStatusNotEqual(String proxyHost, String status);

    long countByOrganizationIdAndStatusNotEqual(UUID organizationId, String status);

    @Query(value = "SELECT * FROM proxy.projects WHERE organization_id = :organizationId AND status <> 'DELETED' "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<ProjectRow> pageByCreation(UUID organizationId, int limit, int offset);

    @Query(value = "SELECT * FROM proxy.projects WHERE organization_id = :organizationId AND status <> 'DELETED' "
            + "ORDER BY lower(name), id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<ProjectRow> pageByName(UUID organizationId, int limit, int offset);

    /** Most active connections first: each region's latest metrics snapshot since {@code since}, summed (ADR 0053). */
    @Query(value = "SELECT p.* FROM proxy.projects p LEFT JOIN LATERAL ("
            + "SELECT sum(latest.active_connections) AS active FROM ("
            + "SELECT DISTINCT ON (m.region) m.active_connections FROM proxy.metrics_snapshots m "
            + "WHERE m.project_id = p.id AND m.minute >= :since ORDER BY m.region, m.minute DESC) AS latest) AS a ON true "
            + "WHERE p.organization_id = :organizationId AND p.status <> 'DELETED' "
            + "ORDER BY coalesce(a.active, 0) DESC, p.created_at, p.id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<ProjectRow> pageByActiveConnections(UUID organizationId, java.time.Instant since, int limit, int offset);
}

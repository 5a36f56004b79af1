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
}

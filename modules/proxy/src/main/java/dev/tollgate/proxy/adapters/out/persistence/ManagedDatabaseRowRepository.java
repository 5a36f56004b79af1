package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ManagedDatabaseRowRepository extends CrudRepository<ManagedDatabaseRow, UUID> {
    Optional<ManagedDatabaseRow> findByOrganizationIdAndNameAndDeletedAtIsNull(UUID organizationId, String name);

    Optional<ManagedDatabaseRow> findByProjectIdAndDeletedAtIsNull(UUID projectId);

    long countByOrganizationIdAndDeletedAtIsNull(UUID organizationId);

    @Query(value = "SELECT * FROM proxy.managed_databases WHERE organization_id = :organizationId AND deleted_at IS NULL "
            + "ORDER BY created_at, project_id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<ManagedDatabaseRow> page(UUID organizationId, int limit, int offset);
}

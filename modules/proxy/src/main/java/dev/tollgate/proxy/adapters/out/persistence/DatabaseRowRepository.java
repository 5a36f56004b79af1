package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DatabaseRowRepository extends CrudRepository<DatabaseRow, UUID> {
    Optional<DatabaseRow> findByIdAndDeletedAtIsNull(UUID id);

    int countByProjectIdAndDeletedAtIsNull(UUID projectId);

    // 'PRIMARY' sorts before 'REPLICA'
    @Query(value = "SELECT * FROM proxy.databases WHERE project_id = :projectId AND name = :name AND deleted_at IS NULL "
            + "ORDER BY role, created_at LIMIT 1", nativeQuery = true)
    Optional<DatabaseRow> findLiveByName(UUID projectId, String name);

    @Query(value = "SELECT * FROM proxy.databases WHERE project_id = :projectId AND deleted_at IS NULL "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<DatabaseRow> page(UUID projectId, int limit, int offset);

    @Query(value = "UPDATE proxy.databases SET deleted_at = :now, updated_at = :now WHERE project_id = :projectId AND deleted_at IS NULL",
            nativeQuery = true)
    void softDeleteAllOf(UUID projectId, Instant now);
}

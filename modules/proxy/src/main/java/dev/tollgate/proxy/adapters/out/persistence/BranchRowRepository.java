package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BranchRowRepository extends CrudRepository<BranchRow, UUID> {
    Optional<BranchRow> findByProjectIdAndNameAndDeletedAtIsNull(UUID projectId, String name);

    Optional<BranchRow> findByIdAndDeletedAtIsNull(UUID id);

    long countByProjectIdAndDeletedAtIsNull(UUID projectId);

    @Query(value = "SELECT * FROM proxy.branches WHERE project_id = :projectId AND deleted_at IS NULL "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<BranchRow> page(UUID projectId, int limit, int offset);

    @Query(value = "SELECT * FROM proxy.branches WHERE project_id = :projectId AND deleted_at IS NULL ORDER BY created_at, id",
            nativeQuery = true)
    List<BranchRow> live(UUID projectId);

    @Query(value = "SELECT * FROM proxy.branches WHERE ((NOT ready AND deleted_at IS NULL) OR (deleted_at IS NOT NULL AND NOT dropped)) AND coalesce(deleted_at, updated_at) < :before "
            + "ORDER BY updated_at LIMIT :limit", nativeQuery = true)
    List<BranchRow> unsettled(java.time.Instant before, int limit);
}

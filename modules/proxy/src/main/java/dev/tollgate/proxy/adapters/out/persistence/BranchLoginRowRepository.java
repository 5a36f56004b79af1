package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BranchLoginRowRepository extends CrudRepository<BranchLoginRow, UUID> {
    Optional<BranchLoginRow> findByIdAndDeletedAtIsNull(UUID id);

    Optional<BranchLoginRow> findByUsernameAndDeletedAtIsNull(String username);

    long countByBranchIdAndKindAndDeletedAtIsNull(UUID branchId, String kind);

    @Query(value = "SELECT * FROM proxy.branch_logins WHERE branch_id = :branchId AND kind = :kind AND deleted_at IS NULL "
            + "ORDER BY created_at, id LIMIT :limit OFFSET :offset", nativeQuery = true)
    List<BranchLoginRow> page(UUID branchId, String kind, int limit, int offset);

    @Query(value = "SELECT * FROM proxy.branch_logins WHERE branch_id = :branchId AND deleted_at IS NULL ORDER BY created_at, id",
            nativeQuery = true)
    List<BranchLoginRow> live(UUID branchId);

    @Query(value = "SELECT * FROM proxy.branch_logins WHERE ((NOT created AND deleted_at IS NULL) OR (deleted_at IS NOT NULL AND NOT dropped)) AND coalesce(deleted_at, created_at) < :before "
            + "ORDER BY created_at LIMIT :limit", nativeQuery = true)
    List<BranchLoginRow> unsettled(java.time.Instant before, int limit);
}

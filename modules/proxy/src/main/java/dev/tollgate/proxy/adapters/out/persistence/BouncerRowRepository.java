package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BouncerRowRepository extends CrudRepository<BouncerRow, UUID> {
    Optional<BouncerRow> findByBranchIdAndNameAndDeletedAtIsNull(UUID branchId, String name);

    @Query(value = "SELECT * FROM proxy.bouncers WHERE branch_id = :branchId AND deleted_at IS NULL ORDER BY created_at, id",
            nativeQuery = true)
    List<BouncerRow> live(UUID branchId);
}

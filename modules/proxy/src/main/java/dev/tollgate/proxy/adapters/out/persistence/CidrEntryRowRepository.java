package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface CidrEntryRowRepository extends GenericRepository<CidrEntryRow, UUID> {
    /** Records a network as allowed from {@code now}, unless it already is. */
    @Query(value = "INSERT INTO proxy.cidr_entries (project_id, cidr, id, created_at) VALUES (:projectId, :cidr, :id, :now) "
            + "ON CONFLICT (project_id, cidr) DO NOTHING", nativeQuery = true)
    void remember(UUID projectId, String cidr, UUID id, Instant now);

    @Query(value = "DELETE FROM proxy.cidr_entries WHERE project_id = :projectId AND NOT (cidr = ANY(:kept))", nativeQuery = true)
    void forgetAllBut(UUID projectId, String[] kept);

    @Query(value = "SELECT * FROM proxy.cidr_entries WHERE project_id = :projectId", nativeQuery = true)
    List<CidrEntryRow> findByProjectId(UUID projectId);
}

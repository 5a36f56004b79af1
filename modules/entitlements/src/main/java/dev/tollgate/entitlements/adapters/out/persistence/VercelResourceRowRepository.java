package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface VercelResourceRowRepository extends CrudRepository<VercelResourceRow, String> {
    Optional<VercelResourceRow> findByIdAndInstallationIdAndDeletedAtIsNull(String id, String installationId);

    List<VercelResourceRow> findByInstallationIdAndDeletedAtIsNullOrderByCreatedAt(String installationId);

    Optional<VercelResourceRow> findByInstallationIdAndIdempotencyKey(String installationId, String idempotencyKey);
}

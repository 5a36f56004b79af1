package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.UUID;

/** Insert only: the log has no update or delete path (the table refuses them too, V7). */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AuditEntryRowRepository extends GenericRepository<AuditEntryRow, UUID> {
    AuditEntryRow save(AuditEntryRow row);
}

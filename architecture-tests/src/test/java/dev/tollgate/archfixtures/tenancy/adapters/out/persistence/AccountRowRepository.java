package dev.tollgate.archfixtures.tenancy.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

/** Allowed: a row repository in the persistence adapter. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccountRowRepository extends CrudRepository<AccountRow, UUID> {
}

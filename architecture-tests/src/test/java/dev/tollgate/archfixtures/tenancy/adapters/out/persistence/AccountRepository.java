package dev.tollgate.archfixtures.tenancy.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

/** Violates 9c: a repository whose name does not end with RowRepository. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AccountRepository extends CrudRepository<AccountRow, UUID> {
}

package dev.tollgate.archfixtures.tenancy.adapters.out.crypto;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.UUID;

/** Violates 9c: a repository outside adapters.out.persistence. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface KeyRowRepository extends CrudRepository<KeyRow, UUID> {
}

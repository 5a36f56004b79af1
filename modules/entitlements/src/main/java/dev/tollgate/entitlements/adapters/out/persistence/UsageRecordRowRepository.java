package dev.tollgate.entitlements.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UsageRecordRowRepository extends CrudRepository<UsageRecordRow, Long> {
}

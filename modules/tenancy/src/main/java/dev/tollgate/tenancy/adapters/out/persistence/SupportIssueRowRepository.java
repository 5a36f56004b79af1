package dev.tollgate.tenancy.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SupportIssueRowRepository extends CrudRepository<SupportIssueRow, UUID> {
    Optional<SupportIssueRow> findByOrganizationIdAndNumber(UUID organizationId, int number);
}

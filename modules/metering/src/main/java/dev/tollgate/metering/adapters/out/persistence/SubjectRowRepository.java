package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SubjectRowRepository extends CrudRepository<SubjectRow, UUID> {
    Optional<SubjectRow> findByNamespaceAndIdAndDeletedAtIsNull(UUID namespace, UUID id);

    Optional<SubjectRow> findByNamespaceAndKeyAndDeletedAtIsNull(UUID namespace, String key);

    List<SubjectRow> findByNamespaceAndDeletedAtIsNullOrderByKey(UUID namespace);
}

package dev.tollgate.proxy.adapters.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ReplicaRowRepository extends CrudRepository<ReplicaRow, UUID> {
    List<ReplicaRow> findByDatabaseIdOrderByCreatedAt(UUID databaseId);

    Optional<ReplicaRow> findByIdAndDatabaseId(UUID id, UUID databaseId);
}

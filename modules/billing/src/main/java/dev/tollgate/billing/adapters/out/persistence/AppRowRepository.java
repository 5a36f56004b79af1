package dev.tollgate.billing.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface AppRowRepository extends CrudRepository<AppRow, UUID> {
    Optional<AppRow> findByNamespaceAndId(UUID namespace, UUID id);

    @Query(value = "SELECT * FROM billing.apps WHERE namespace = :namespace AND deleted_at IS NULL ORDER BY created_at, id LIMIT :limit OFFSET :offset",
            nativeQuery = true)
    List<AppRow> installed(UUID namespace, int limit, int offset);

    Optional<AppRow> findFirstByNamespaceAndTypeAndDeletedAtIsNullOrderByCreatedAt(UUID namespace, String type);

    long countByNamespaceAndDeletedAtIsNull(UUID namespace);
}

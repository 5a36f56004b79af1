package dev.tollgate.catalog.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ProductVersionRowRepository extends CrudRepository<ProductVersionRow, UUID> {
    Optional<ProductVersionRow> findByNamespaceAndKindAndId(UUID namespace, String kind, UUID id);

    Optional<ProductVersionRow> findFirstByNamespaceAndKindAndKeyAndDeletedAtIsNullOrderByVersionDesc(UUID namespace, String kind, String key);

    /** Deleted versions count too: a number once used is never given again. */
    @Query(value = "SELECT coalesce(max(version), 0) FROM catalog.product_versions WHERE namespace = :namespace AND kind = :kind AND key = :key",
            nativeQuery = true)
    int maxVersion(UUID namespace, String kind, String key);
}

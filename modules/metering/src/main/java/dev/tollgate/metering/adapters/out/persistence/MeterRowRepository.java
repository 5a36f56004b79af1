package dev.tollgate.metering.adapters.out.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MeterRowRepository extends CrudRepository<MeterRow, UUID> {
    Optional<MeterRow> findByNamespaceAndIdAndDeletedAtIsNull(UUID namespace, UUID id);

    Optional<MeterRow> findByNamespaceAndSlugAndDeletedAtIsNull(UUID namespace, String slug);

    java.util.List<MeterRow> findByNamespaceAndSlugInAndDeletedAtIsNull(UUID namespace, java.util.Collection<String> slugs);

    @Query(value = "SELECT * FROM metering.meters WHERE namespace = :namespace AND (:includeDeleted OR deleted_at IS NULL) "
            + "ORDER BY slug, created_at", nativeQuery = true)
    List<MeterRow> list(UUID namespace, boolean includeDeleted);
}

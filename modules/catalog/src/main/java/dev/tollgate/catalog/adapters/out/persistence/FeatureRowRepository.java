package dev.tollgate.catalog.adapters.out.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface FeatureRowRepository extends CrudRepository<FeatureRow, UUID> {
    Optional<FeatureRow> findByNamespaceAndId(UUID namespace, UUID id);

    Optional<FeatureRow> findByNamespaceAndKeyAndArchivedAtIsNull(UUID namespace, String key);

    java.util.List<FeatureRow> findByNamespaceAndKeyInAndArchivedAtIsNull(UUID namespace, java.util.Collection<String> keys);

    /** Archiving, the only change a feature sees: its other columns keep what its creation wrote, JSON included. */
    void update(@Id UUID id, Instant updatedAt, @Nullable Instant archivedAt);
}

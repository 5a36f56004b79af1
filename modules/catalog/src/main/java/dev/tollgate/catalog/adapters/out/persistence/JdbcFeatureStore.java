package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.catalog.application.port.out.FeatureStore;
import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Features through their repository; only the filtered, ordered listing is explicit SQL (ADR 0029). */
@Singleton
final class JdbcFeatureStore implements FeatureStore {
    /** The listing orders OpenMeter offers (FeatureOrderBy), each made total by the id. */
    private static final Map<String, String> ORDER = Map.of("id", "id", "key", "key", "name", "name", "createdAt", "created_at",
            "updatedAt", "updated_at");
    private final FeatureRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcFeatureStore(FeatureRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(Feature f) {
        // Two creations with the same key raced past the service's check: the unique index decides.
        UniqueViolations.translate(() -> {
            if (rows.existsById(f.id())) {
                rows.update(f.id(), f.updatedAt(), f.archivedAt());
            } else {
                rows.save(toRow(f));
            }
        }, () -> new ConflictException("feature_exists", "a feature with key '" + f.key() + "' already exists; archive it first"));
    }

    @Override
    public Optional<Feature> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndId(namespace, id).map(JdbcFeatureStore::toDomain);
    }

    @Override
    public Optional<Feature> findLiveByKey(UUID namespace, String key) {
        return rows.findByNamespaceAndKeyAndArchivedAtIsNull(namespace, key).map(JdbcFeatureStore::toDomain);
    }

    @Override
    public java.util.List<Feature> findLiveByKeys(UUID namespace, java.util.Collection<String> keys) {
        return keys.isEmpty() ? java.util.List.of()
                : rows.findByNamespaceAndKeyInAndArchivedAtIsNull(namespace, keys).stream().map(JdbcFeatureStore::toDomain).toList();
    }

    @Override
    public Page<Feature> list(UUID namespace, FeatureFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE namespace = ?");
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        if (!filter.includeArchived()) {
            where.append(" AND archived_at IS NULL");
        }
        if (!filter.meterSlugs().isEmpty()) {
            where.append(" AND meter_slug = ANY(?)");
            parameters.add(filter.meterSlugs().toArray(String[]::new));
        }
        String direction = filter.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(filter.orderBy(), "id") + direction + ", id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<Feature> items = Sql.rows(jdbc, FeatureRow.class, "SELECT * FROM catalog.features" + where + order + " LIMIT ? OFFSET ?", paged)
                .stream().map(JdbcFeatureStore::toDomain).toList();
        long total = Sql.count(jdbc.getConnection(), "FROM catalog.features" + where, parameters);
        return new Page<>(items, total, page);
    }

    private static FeatureRow toRow(Feature f) {
        return new FeatureRow(f.id(), f.namespace(), f.key(), f.name(), f.metadata(), f.meterSlug(), f.meterGroupByFilters(),
                f.advancedMeterGroupByFilters(), f.unitCost(), f.createdAt(), f.updatedAt(), f.archivedAt());
    }

    private static Feature toDomain(FeatureRow r) {
        return new Feature(r.id(), r.namespace(), r.key(), r.name(), r.metadata(), r.meterSlug(), r.meterGroupByFilters(),
                r.advancedMeterGroupByFilters(), r.unitCost(), r.createdAt(), r.updatedAt(), r.archivedAt());
    }
}

package dev.tollgate.catalog.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.catalog.application.port.out.FeatureStore;
import dev.tollgate.catalog.domain.Feature;
import dev.tollgate.catalog.domain.FeatureFilter;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcFeatureStore implements FeatureStore {
    private static final String COLUMNS = "id, namespace, key, name, metadata::text, meter_slug, meter_group_by_filters::text, "
            + "advanced_meter_group_by_filters::text, unit_cost::text, created_at, updated_at, archived_at";
    /** The listing orders OpenMeter offers (FeatureOrderBy), each made total by the id. */
    private static final Map<String, String> ORDER = Map.of("id", "id", "key", "key", "name", "name", "createdAt", "created_at",
            "updatedAt", "updated_at");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcFeatureStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(Feature f) {
        String upsert = """
                INSERT INTO catalog.features (id, namespace, key, name, metadata, meter_slug, meter_group_by_filters,
                    advanced_meter_group_by_filters, unit_cost, created_at, updated_at, archived_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at, archived_at = excluded.archived_at""";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(upsert)) {
            s.setObject(1, f.id());
            s.setObject(2, f.namespace());
            s.setString(3, f.key());
            s.setString(4, f.name());
            s.setString(5, json(f.metadata()));
            s.setString(6, f.meterSlug());
            s.setString(7, json(f.meterGroupByFilters()));
            s.setString(8, json(f.advancedMeterGroupByFilters()));
            s.setString(9, json(f.unitCost()));
            s.setTimestamp(10, timestamp(f.createdAt()));
            s.setTimestamp(11, timestamp(f.updatedAt()));
            s.setTimestamp(12, timestamp(f.archivedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // Two creations with the same key raced past the service's check: the unique index decides.
                throw new ConflictException("feature_exists", "a feature with key '" + f.key() + "' already exists; archive it first");
            }
            throw new IllegalStateException("could not save feature " + f.id(), e);
        }
    }

    @Override
    public Optional<Feature> find(UUID namespace, UUID id) {
        return first("SELECT " + COLUMNS + " FROM catalog.features WHERE namespace = ? AND id = ?", List.of(namespace, id));
    }

    @Override
    public Optional<Feature> findLiveByKey(UUID namespace, String key) {
        return first("SELECT " + COLUMNS + " FROM catalog.features WHERE namespace = ? AND key = ? AND archived_at IS NULL",
                List.of(namespace, key));
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
        List<Feature> items = query("SELECT " + COLUMNS + " FROM catalog.features" + where + order + " LIMIT ? OFFSET ?", paged);
        long total = Sql.count(jdbc.getConnection(), "FROM catalog.features" + where, parameters);
        return new Page<>(items, total, page);
    }

    private Optional<Feature> first(String sql, List<Object> parameters) {
        return query(sql, parameters).stream().findFirst();
    }

    private List<Feature> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<Feature> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Feature(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            JsonColumns.stringMap(json, rs.getString(5)), rs.getString(6), JsonColumns.stringMap(json, rs.getString(7)),
                            JsonColumns.objectMap(json, rs.getString(8)), JsonColumns.objectMap(json, rs.getString(9)),
                            instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read features", e);
        }
    }

    private String json(Object value) {
        return value == null ? null : JsonColumns.write(json, value);
    }
}

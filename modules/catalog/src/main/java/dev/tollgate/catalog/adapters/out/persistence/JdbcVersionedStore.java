package dev.tollgate.catalog.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.catalog.application.port.out.VersionedStore;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.CatalogStatus;
import dev.tollgate.catalog.domain.Versioned;
import dev.tollgate.catalog.domain.VersionedItem;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Plans or add-ons in {@code catalog.product_versions}, told apart by {@code kind}. */
abstract class JdbcVersionedStore<T extends VersionedItem<T>> implements VersionedStore<T> {
    static final String COLUMNS = "v.id, v.namespace, v.key, v.version, v.name, v.description, v.metadata::text, v.currency, "
            + "v.terms::text, v.effective_from, v.effective_to, v.created_at, v.updated_at, v.deleted_at";
    /** OpenMeter's PlanOrderBy, AddonOrderBy and PlanAddonOrderBy, each made total by the id. */
    private static final Map<String, String> ORDER = Map.of("id", "v.id", "key", "v.key", "version", "v.version",
            "created_at", "v.created_at", "updated_at", "v.updated_at");
    private final String kind;
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcVersionedStore(String kind, JdbcOperations jdbc, JsonMapper json) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.json = json;
    }

    abstract T restore(Versioned header, Map<String, Object> terms);

    abstract Map<String, Object> terms(T item);

    @Override
    public void save(T item) {
        Versioned h = item.header();
        String upsert = """
                INSERT INTO catalog.product_versions (id, namespace, kind, key, version, name, description, metadata, currency, terms,
                    effective_from, effective_to, created_at, updated_at, deleted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, metadata = excluded.metadata,
                    terms = excluded.terms, effective_from = excluded.effective_from, effective_to = excluded.effective_to,
                    updated_at = excluded.updated_at, deleted_at = excluded.deleted_at""";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(upsert)) {
            Sql.bind(s, java.util.Arrays.asList(h.id(), h.namespace(), kind, h.key(), h.version(), h.name(), h.description(),
                    h.metadata() == null ? null : JsonColumns.write(json, h.metadata()), h.currency(), JsonColumns.write(json, terms(item)),
                    timestamp(h.effectiveFrom()), timestamp(h.effectiveTo()), timestamp(h.createdAt()), timestamp(h.updatedAt()),
                    timestamp(h.deletedAt())));
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // A concurrent request made a version of this key first (a draft, or the same version number).
                String code = kind + "_draft_exists";
                throw new ValidationException(code, List.of(new FieldError("key", "another version of '" + h.key()
                        + "' was created at the same time; only a single draft version is allowed", code)));
            }
            throw new IllegalStateException("could not save " + kind + " " + h.id(), e);
        }
    }

    @Override
    public Optional<T> find(UUID namespace, UUID id) {
        return first(" WHERE v.namespace = ? AND v.kind = ? AND v.id = ?", List.of(namespace, kind, id));
    }

    @Override
    public Optional<T> findActive(UUID namespace, String key, Instant now) {
        return first(" WHERE v.namespace = ? AND v.kind = ? AND v.key = ? AND v.deleted_at IS NULL AND " + statusCondition(CatalogStatus.ACTIVE)
                + " ORDER BY v.version DESC LIMIT 1", List.of(namespace, kind, key, timestamp(now), timestamp(now)));
    }

    @Override
    public Optional<T> findLatest(UUID namespace, String key) {
        return first(" WHERE v.namespace = ? AND v.kind = ? AND v.key = ? AND v.deleted_at IS NULL ORDER BY v.version DESC LIMIT 1",
                List.of(namespace, kind, key));
    }

    @Override
    public int maxVersion(UUID namespace, String key) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(
                "SELECT coalesce(max(version), 0) FROM catalog.product_versions WHERE namespace = ? AND kind = ? AND key = ?")) {
            Sql.bind(s, List.of(namespace, kind, key));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not number a version of " + key, e);
        }
    }

    @Override
    public Page<T> list(UUID namespace, CatalogFilter filter, PageRequest page, Instant now) {
        List<Object> parameters = new ArrayList<>(List.of(namespace, kind));
        String where = " WHERE v.namespace = ? AND v.kind = ?" + filterSql(filter, now, parameters);
        return page(" FROM catalog.product_versions v" + where, parameters, filter, page);
    }

    /** The WHERE conditions of a filter on the versions aliased {@code v}, adding their parameters. */
    static String filterSql(CatalogFilter filter, Instant now, List<Object> parameters) {
        StringBuilder where = new StringBuilder();
        if (!filter.includeDeleted()) {
            where.append(" AND v.deleted_at IS NULL");
        }
        if (!filter.ids().isEmpty()) {
            where.append(" AND v.id = ANY(?)");
            parameters.add(filter.ids().toArray(UUID[]::new));
        }
        if (!filter.keys().isEmpty()) {
            where.append(" AND v.key = ANY(?)");
            parameters.add(filter.keys().toArray(String[]::new));
        }
        if (!filter.keyVersions().isEmpty()) {
            List<String> pairs = new ArrayList<>();
            filter.keyVersions().forEach((key, versions) -> {
                pairs.add("(v.key = ? AND v.version = ANY(?))");
                parameters.add(key);
                parameters.add(versions.toArray(Integer[]::new));
            });
            where.append(" AND (").append(String.join(" OR ", pairs)).append(")");
        }
        if (!filter.statuses().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (CatalogStatus status : filter.statuses()) {
                any.add(statusCondition(status));
                for (int i = 0; i < placeholders(status); i++) {
                    parameters.add(timestamp(now));
                }
            }
            where.append(" AND (").append(String.join(" OR ", any)).append(")");
        }
        if (!filter.currencies().isEmpty()) {
            where.append(" AND v.currency = ANY(?)");
            parameters.add(filter.currencies().toArray(String[]::new));
        }
        return where.toString();
    }

    /** Status as SQL over the effective period, comparing with the clock passed as parameters. */
    static String statusCondition(CatalogStatus status) {
        return switch (status) {
            case DRAFT -> "(v.effective_from IS NULL)";
            case ARCHIVED -> "(v.effective_to IS NOT NULL AND v.effective_to <= ?)";
            case SCHEDULED -> "(v.effective_from > ? AND (v.effective_to IS NULL OR v.effective_to > v.effective_from))";
            case ACTIVE -> "(v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to > ?))";
        };
    }

    private static int placeholders(CatalogStatus status) {
        return switch (status) {
            case DRAFT -> 0;
            case ARCHIVED, SCHEDULED -> 1;
            case ACTIVE -> 2;
        };
    }

    /** One page of versions from {@code fromWhere} (which names the versions {@code v}), with the total count. */
    Page<T> page(String fromWhere, List<Object> parameters, CatalogFilter filter, PageRequest page) {
        String direction = filter.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(filter.orderBy(), "v.id") + direction + ", v.id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<T> items = query("SELECT " + COLUMNS + fromWhere + order + " LIMIT ? OFFSET ?", paged);
        return new Page<>(items, Sql.count(jdbc.getConnection(), fromWhere, parameters), page);
    }

    private Optional<T> first(String whereAndOrder, List<Object> parameters) {
        return query("SELECT " + COLUMNS + " FROM catalog.product_versions v" + whereAndOrder, parameters).stream().findFirst();
    }

    private List<T> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<T> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Versioned header = new Versioned(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), JsonColumns.stringMap(json, rs.getString(7)), rs.getString(8),
                            instant(rs.getTimestamp(10)), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                            instant(rs.getTimestamp(13)), instant(rs.getTimestamp(14)));
                    found.add(restore(header, JsonColumns.objectMap(json, rs.getString(9))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + kind + "s", e);
        }
    }
}

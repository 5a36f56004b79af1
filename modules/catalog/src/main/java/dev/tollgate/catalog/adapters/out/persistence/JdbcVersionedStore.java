package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
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
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans or add-ons in {@code catalog.product_versions}, told apart by {@code kind}, through their repository; the
 * filtered, ordered listings are explicit SQL read by column name (ADR 0029).
 */
abstract class JdbcVersionedStore<T extends VersionedItem<T>> implements VersionedStore<T> {
    /** OpenMeter's PlanOrderBy, AddonOrderBy and PlanAddonOrderBy, each made total by the id. */
    private static final Map<String, String> ORDER = Map.of("id", "v.id", "key", "v.key", "version", "v.version",
            "created_at", "v.created_at", "updated_at", "v.updated_at");
    private final String kind;
    private final ProductVersionRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcVersionedStore(String kind, ProductVersionRowRepository rows, JdbcOperations jdbc) {
        this.kind = kind;
        this.rows = rows;
        this.jdbc = jdbc;
    }

    abstract T restore(Versioned header, Map<String, Object> terms);

    abstract Map<String, Object> terms(T item);

    @Override
    public void save(T item) {
        Versioned h = item.header();
        // A concurrent request made a version of this key first (a draft, or the same version number): the unique indexes decide.
        String code = kind + "_draft_exists";
        UniqueViolations.translate(() -> Rows.upsert(rows, h.id(), toRow(item)), () -> new ValidationException(code, List.of(
                new FieldError("key", "another version of '" + h.key() + "' was created at the same time; only a single draft version is allowed",
                        code))));
    }

    @Override
    public Optional<T> find(UUID namespace, UUID id) {
        return rows.findByNamespaceAndKindAndId(namespace, kind, id).map(this::toDomain);
    }

    /** Explicit SQL only to share the status rule with the listing's filter. */
    @Override
    public Optional<T> findActive(UUID namespace, String key, Instant now) {
        String sql = "SELECT v.* FROM catalog.product_versions v WHERE v.namespace = ? AND v.kind = ? AND v.key = ? AND v.deleted_at IS NULL AND "
                + statusCondition(CatalogStatus.ACTIVE) + " ORDER BY v.version DESC LIMIT 1";
        return Sql.rows(jdbc, ProductVersionRow.class, sql, List.of(namespace, kind, key, timestamp(now), timestamp(now))).stream()
                .findFirst().map(this::toDomain);
    }

    @Override
    public Optional<T> findLatest(UUID namespace, String key) {
        return rows.findFirstByNamespaceAndKindAndKeyAndDeletedAtIsNullOrderByVersionDesc(namespace, kind, key).map(this::toDomain);
    }

    @Override
    public int maxVersion(UUID namespace, String key) {
        return rows.maxVersion(namespace, kind, key);
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
        List<T> items = Sql.rows(jdbc, ProductVersionRow.class, "SELECT v.*" + fromWhere + order + " LIMIT ? OFFSET ?", paged).stream()
                .map(this::toDomain).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), fromWhere, parameters), page);
    }

    private ProductVersionRow toRow(T item) {
        Versioned h = item.header();
        return new ProductVersionRow(h.id(), h.namespace(), kind, h.key(), h.version(), h.name(), h.description(), h.metadata(), h.currency(),
                terms(item), h.effectiveFrom(), h.effectiveTo(), h.createdAt(), h.updatedAt(), h.deletedAt());
    }

    private T toDomain(ProductVersionRow r) {
        return restore(new Versioned(r.id(), r.namespace(), r.key(), r.version(), r.name(), r.description(), r.metadata(), r.currency(),
                r.effectiveFrom(), r.effectiveTo(), r.createdAt(), r.updatedAt(), r.deletedAt()), r.terms());
    }
}

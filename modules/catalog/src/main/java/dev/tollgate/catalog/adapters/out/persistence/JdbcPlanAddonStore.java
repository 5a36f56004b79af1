package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.platform.persistence.UniqueViolations;
import dev.tollgate.catalog.application.port.out.PlanAddonStore;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.PlanAddon;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Plan add-ons through their repository; only the filtered, ordered listing is explicit SQL (ADR 0029). */
@Singleton
final class JdbcPlanAddonStore implements PlanAddonStore {
    private static final Map<String, String> ORDER = Map.of("id", "o.id", "key", "v.key", "version", "v.version",
            "created_at", "o.created_at", "updated_at", "o.updated_at");
    private final PlanAddonRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcPlanAddonStore(PlanAddonRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void save(PlanAddon o) {
        UniqueViolations.translate(() -> Rows.upsert(rows, o.id(), toRow(o)),
                () -> new ConflictException("plan_addon_exists", "the add-on is already offered with this plan"));
    }

    @Override
    public Optional<PlanAddon> findByAddon(UUID namespace, UUID planId, UUID addonId) {
        return rows.findByNamespaceAndPlanIdAndAddonIdAndDeletedAtIsNull(namespace, planId, addonId).map(JdbcPlanAddonStore::toDomain);
    }

    @Override
    public List<PlanAddon> ofPlan(UUID namespace, UUID planId) {
        return rows.findByNamespaceAndPlanIdAndDeletedAtIsNullOrderById(namespace, planId).stream().map(JdbcPlanAddonStore::toDomain).toList();
    }

    @Override
    public Page<PlanAddon> list(UUID namespace, UUID planId, CatalogFilter addonFilter, PageRequest page, Instant now) {
        List<Object> parameters = new ArrayList<>(List.of(namespace, planId));
        String deleted = addonFilter.includeDeleted() ? "" : " AND o.deleted_at IS NULL";
        String fromWhere = " FROM catalog.plan_addons o JOIN catalog.product_versions v ON v.id = o.addon_id"
                + " WHERE o.namespace = ? AND o.plan_id = ?" + deleted + JdbcVersionedStore.filterSql(addonFilter, now, parameters);
        String direction = addonFilter.descending() ? " DESC" : " ASC";
        String order = " ORDER BY " + ORDER.getOrDefault(addonFilter.orderBy(), "o.id") + direction + ", o.id" + direction;
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<PlanAddon> items = Sql.rows(jdbc, PlanAddonRow.class, "SELECT o.*" + fromWhere + order + " LIMIT ? OFFSET ?", paged).stream()
                .map(JdbcPlanAddonStore::toDomain).toList();
        return new Page<>(items, Sql.count(jdbc.getConnection(), fromWhere, parameters), page);
    }

    private static PlanAddonRow toRow(PlanAddon o) {
        return new PlanAddonRow(o.id(), o.namespace(), o.planId(), o.addonId(), o.metadata(), o.fromPlanPhase(), o.maxQuantity(), o.createdAt(),
                o.updatedAt(), o.deletedAt());
    }

    private static PlanAddon toDomain(PlanAddonRow r) {
        return new PlanAddon(r.id(), r.namespace(), r.planId(), r.addonId(), r.metadata(), r.fromPlanPhase(), r.maxQuantity(), r.createdAt(),
                r.updatedAt(), r.deletedAt());
    }
}

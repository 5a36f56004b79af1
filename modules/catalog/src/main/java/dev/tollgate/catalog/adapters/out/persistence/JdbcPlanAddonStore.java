package dev.tollgate.catalog.adapters.out.persistence;

import static dev.tollgate.platform.persistence.Sql.instant;
import static dev.tollgate.platform.persistence.Sql.timestamp;

import dev.tollgate.catalog.application.port.out.PlanAddonStore;
import dev.tollgate.catalog.domain.CatalogFilter;
import dev.tollgate.catalog.domain.PlanAddon;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcPlanAddonStore implements PlanAddonStore {
    private static final String COLUMNS = "o.id, o.namespace, o.plan_id, o.addon_id, o.metadata::text, o.from_plan_phase, o.max_quantity, "
            + "o.created_at, o.updated_at, o.deleted_at";
    private static final Map<String, String> ORDER = Map.of("id", "o.id", "key", "v.key", "version", "v.version",
            "created_at", "o.created_at", "updated_at", "o.updated_at");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcPlanAddonStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void save(PlanAddon o) {
        String upsert = """
                INSERT INTO catalog.plan_addons (id, namespace, plan_id, addon_id, metadata, from_plan_phase, max_quantity, created_at,
                    updated_at, deleted_at)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET metadata = excluded.metadata, from_plan_phase = excluded.from_plan_phase,
                    max_quantity = excluded.max_quantity, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at""";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(upsert)) {
            Sql.bind(s, Arrays.asList(o.id(), o.namespace(), o.planId(), o.addonId(),
                    o.metadata() == null ? null : JsonColumns.write(json, o.metadata()), o.fromPlanPhase(), o.maxQuantity(),
                    timestamp(o.createdAt()), timestamp(o.updatedAt()), timestamp(o.deletedAt())));
            s.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ConflictException("plan_addon_exists", "the add-on is already offered with this plan");
            }
            throw new IllegalStateException("could not save plan add-on " + o.id(), e);
        }
    }

    @Override
    public Optional<PlanAddon> findByAddon(UUID namespace, UUID planId, UUID addonId) {
        return query("SELECT " + COLUMNS + " FROM catalog.plan_addons o WHERE o.namespace = ? AND o.plan_id = ? AND o.addon_id = ?"
                + " AND o.deleted_at IS NULL", List.of(namespace, planId, addonId)).stream().findFirst();
    }

    @Override
    public List<PlanAddon> ofPlan(UUID namespace, UUID planId) {
        return query("SELECT " + COLUMNS + " FROM catalog.plan_addons o WHERE o.namespace = ? AND o.plan_id = ? AND o.deleted_at IS NULL"
                + " ORDER BY o.id", List.of(namespace, planId));
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
        List<PlanAddon> items = query("SELECT " + COLUMNS + fromWhere + order + " LIMIT ? OFFSET ?", paged);
        return new Page<>(items, Sql.count(jdbc.getConnection(), fromWhere, parameters), page);
    }

    private List<PlanAddon> query(String sql, List<Object> parameters) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            Sql.bind(s, parameters);
            List<PlanAddon> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new PlanAddon(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getObject(4, UUID.class), JsonColumns.stringMap(json, rs.getString(5)), rs.getString(6),
                            rs.getObject(7, Integer.class), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10))));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read plan add-ons", e);
        }
    }
}

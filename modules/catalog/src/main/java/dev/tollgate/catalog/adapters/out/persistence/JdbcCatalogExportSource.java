package dev.tollgate.catalog.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The catalog's part of a workspace export, read with explicit SQL over the organization's namespace (its id):
 * features (archived ones with their archive time), every version of every plan and add-on (drafts, published,
 * archived and deleted) with the terms as stored (a plan's cadence and phases with their rate cards, an add-on's
 * instance type and rate cards), and the add-ons each plan version offers. Ids are ULIDs, as OpenMeter's API shows them.
 *
 * <p>The catalog keeps no secret, so no column is left out for that reason. Tollgate's own tiers live in the system
 * namespace and cluster sizes are global: neither is the organization's data.
 */
@Singleton
class JdbcCatalogExportSource implements WorkspaceExportSource {
    private static final List<String> RESOURCES = List.of("features", "plans", "addons", "plan_addons");
    private static final String VERSIONS = "SELECT id, key, version, name, description, metadata::text AS metadata, currency, "
            + "terms::text AS terms, effective_from, effective_to, created_at, updated_at, deleted_at FROM catalog.product_versions "
            + "WHERE namespace = ? AND kind = '%s' ORDER BY key, version, id";
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcCatalogExportSource(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String section() {
        return "catalog";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "features" -> each("SELECT id, key, name, metadata::text AS metadata, meter_slug, "
                    + "meter_group_by_filters::text AS meter_group_by_filters, advanced_meter_group_by_filters::text AS advanced_filters, "
                    + "unit_cost::text AS unit_cost, created_at, updated_at, archived_at FROM catalog.features WHERE namespace = ? "
                    + "ORDER BY created_at, id", organizationId, r -> record("id", ulid(r, "id"), "key", r.getString("key"),
                    "name", r.getString("name"), "metadata", json(r.getString("metadata")), "meterSlug", r.getString("meter_slug"),
                    "meterGroupByFilters", json(r.getString("meter_group_by_filters")),
                    "advancedMeterGroupByFilters", json(r.getString("advanced_filters")), "unitCost", json(r.getString("unit_cost")),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at")),
                    "archivedAt", Sql.instant(r.getTimestamp("archived_at"))), sink);
            case "plans" -> each(VERSIONS.formatted("plan"), organizationId, this::version, sink);
            case "addons" -> each(VERSIONS.formatted("addon"), organizationId, this::version, sink);
            case "plan_addons" -> each("SELECT o.id, o.plan_id, o.addon_id, a.key AS addon_key, a.version AS addon_version, "
                    + "o.from_plan_phase, o.max_quantity, o.metadata::text AS metadata, o.created_at, o.updated_at, o.deleted_at "
                    + "FROM catalog.plan_addons o JOIN catalog.product_versions a ON a.id = o.addon_id WHERE o.namespace = ? "
                    + "ORDER BY o.created_at, o.id", organizationId, r -> record("id", ulid(r, "id"), "planId", ulid(r, "plan_id"),
                    "addonId", ulid(r, "addon_id"), "addonKey", r.getString("addon_key"), "addonVersion", r.getInt("addon_version"),
                    "fromPlanPhase", r.getString("from_plan_phase"), "maxQuantity", r.getObject("max_quantity"),
                    "metadata", json(r.getString("metadata")), "createdAt", Sql.instant(r.getTimestamp("created_at")),
                    "updatedAt", Sql.instant(r.getTimestamp("updated_at")), "deletedAt", Sql.instant(r.getTimestamp("deleted_at"))), sink);
            default -> throw new IllegalArgumentException("the catalog keeps no resource '" + resource + "'");
        }
    }

    /** A plan or add-on version: its header, then what its terms hold (phases, rate cards ...) as they are stored. */
    private Map<String, Object> version(ResultSet r) throws SQLException {
        Map<String, Object> version = record("id", ulid(r, "id"), "key", r.getString("key"), "version", r.getInt("version"),
                "name", r.getString("name"), "description", r.getString("description"), "metadata", json(r.getString("metadata")),
                "currency", r.getString("currency"), "effectiveFrom", Sql.instant(r.getTimestamp("effective_from")),
                "effectiveTo", Sql.instant(r.getTimestamp("effective_to")), "createdAt", Sql.instant(r.getTimestamp("created_at")),
                "updatedAt", Sql.instant(r.getTimestamp("updated_at")), "deletedAt", Sql.instant(r.getTimestamp("deleted_at")));
        if (json(r.getString("terms")) instanceof Map<?, ?> terms) {
            terms.forEach((key, value) -> version.putIfAbsent(String.valueOf(key), value));
        }
        return version;
    }

    private void each(String sql, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.query(jdbc, sql, List.of(organizationId), reader).forEach(sink);
    }

    private static String ulid(ResultSet r, String column) throws SQLException {
        return Ulid.of(r.getObject(column, UUID.class));
    }

    private Object json(String text) {
        return JsonColumns.read(json, text);
    }
}

package dev.tollgate.metering.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Metering's part of a workspace export, read with explicit SQL over the organization's namespace (its id): meter
 * definitions, subjects, consumer-portal tokens and the usage events themselves, deleted definitions included with
 * their deletion time. Ids are ULIDs, as OpenMeter's API shows them.
 *
 * <p>Left out on purpose: {@code portal_tokens.token_hash} (the hash of a bearer secret that reads a subject's usage);
 * {@code events.compact} (an indexing flag, not data).
 *
 * <p>Events can number millions: they are read a keyset page at a time on (time, source, id), oldest first, so memory
 * holds one page whatever their number.
 */
@Singleton
class JdbcMeteringExportSource implements WorkspaceExportSource {
    static final int EVENT_PAGE = 1000;
    private static final List<String> RESOURCES = List.of("meters", "subjects", "portal_tokens", "events");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcMeteringExportSource(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String section() {
        return "metering";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "meters" -> each("SELECT id, slug, name, description, aggregation, event_type, event_from, value_property, "
                    + "group_by::text AS group_by, metadata::text AS metadata, created_at, updated_at, deleted_at FROM metering.meters "
                    + "WHERE namespace = ? ORDER BY created_at, id", organizationId, r -> record("id", Ulid.of(r.getObject("id", UUID.class)),
                    "slug", r.getString("slug"), "name", r.getString("name"), "description", r.getString("description"),
                    "aggregation", r.getString("aggregation"), "eventType", r.getString("event_type"),
                    "eventFrom", Sql.instant(r.getTimestamp("event_from")), "valueProperty", r.getString("value_property"),
                    "groupBy", json(r.getString("group_by")), "metadata", json(r.getString("metadata")),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at")),
                    "deletedAt", Sql.instant(r.getTimestamp("deleted_at"))), sink);
            case "subjects" -> each("SELECT id, key, display_name, metadata::text AS metadata, current_period_start, current_period_end, "
                    + "stripe_customer_id, created_at, updated_at, deleted_at FROM metering.subjects WHERE namespace = ? ORDER BY created_at, id",
                    organizationId, r -> record("id", Ulid.of(r.getObject("id", UUID.class)), "key", r.getString("key"),
                            "displayName", r.getString("display_name"), "metadata", json(r.getString("metadata")),
                            "currentPeriodStart", Sql.instant(r.getTimestamp("current_period_start")),
                            "currentPeriodEnd", Sql.instant(r.getTimestamp("current_period_end")),
                            "stripeCustomerId", r.getString("stripe_customer_id"), "createdAt", Sql.instant(r.getTimestamp("created_at")),
                            "updatedAt", Sql.instant(r.getTimestamp("updated_at")), "deletedAt", Sql.instant(r.getTimestamp("deleted_at"))), sink);
            case "portal_tokens" -> each("SELECT id, subject, allowed_meter_slugs, expires_at, created_at, invalidated_at "
                    + "FROM metering.portal_tokens WHERE namespace = ? ORDER BY created_at, id", organizationId, r -> record(
                    "id", Ulid.of(r.getObject("id", UUID.class)), "subject", r.getString("subject"),
                    "allowedMeterSlugs", r.getArray("allowed_meter_slugs") == null ? null : Sql.strings(r.getArray("allowed_meter_slugs")),
                    "expiresAt", Sql.instant(r.getTimestamp("expires_at")), "createdAt", Sql.instant(r.getTimestamp("created_at")),
                    "invalidatedAt", Sql.instant(r.getTimestamp("invalidated_at"))), sink);
            case "events" -> events(organizationId, sink);
            default -> throw new IllegalArgumentException("metering keeps no resource '" + resource + "'");
        }
    }

    /** Oldest first, a keyset page at a time; (source, id) is the primary key within a namespace, so the key is unique. */
    private void events(UUID organizationId, Consumer<Map<String, ?>> sink) {
        EventKey after = null;
        while (true) {
            String where = after == null ? "" : " AND (time, source, id) > (?, ?, ?)";
            List<Object> parameters = after == null ? List.of(organizationId)
                    : List.of(organizationId, after.time(), after.source(), after.id());
            List<Map.Entry<EventKey, Map<String, Object>>> page = Sql.query(jdbc, "SELECT id, source, type, subject, time, data::text AS data, "
                    + "ingested_at, stored_at FROM metering.events WHERE namespace = ?" + where + " ORDER BY time, source, id LIMIT " + EVENT_PAGE,
                    parameters, r -> Map.entry(new EventKey(r.getObject("time", OffsetDateTime.class), r.getString("source"), r.getString("id")), record(
                            "id", r.getString("id"), "source", r.getString("source"), "type", r.getString("type"),
                            "subject", r.getString("subject"), "time", Sql.instant(r.getTimestamp("time")), "data", json(r.getString("data")),
                            "ingestedAt", Sql.instant(r.getTimestamp("ingested_at")), "storedAt", Sql.instant(r.getTimestamp("stored_at")))));
            page.forEach(entry -> sink.accept(entry.getValue()));
            if (page.size() < EVENT_PAGE) {
                return;
            }
            after = page.get(page.size() - 1).getKey();
        }
    }

    /** Where the last page ended. */
    private record EventKey(OffsetDateTime time, String source, String id) {
    }

    private void each(String sql, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.query(jdbc, sql, List.of(organizationId), reader).forEach(sink);
    }

    private Object json(String text) {
        return JsonColumns.read(json, text);
    }
}

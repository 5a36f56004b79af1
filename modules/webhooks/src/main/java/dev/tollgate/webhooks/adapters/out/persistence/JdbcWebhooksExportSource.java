package dev.tollgate.webhooks.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The webhooks module's part of a workspace export, read with explicit SQL: the organization's endpoints of every API
 * (php-tenant's entitlement webhooks, PlanetScale's database webhooks, OpenMeter's notification channels, each with the
 * id its API shows), OpenMeter's notification rules and events, and the delivery history with every attempt.
 *
 * <p>Left out on purpose: {@code endpoints.secret} and {@code endpoints.previous_secret} (sealed signing secrets) and
 * {@code previous_secret_until}; the values of {@code endpoints.custom_headers} (they carry credentials such as an
 * {@code Authorization} header: only the header names are exported); {@code notification_events.dedupe_key} (delivery
 * bookkeeping).
 *
 * <p>Deliveries, their attempts and notification events grow with every event: they are read a keyset page at a time.
 */
@Singleton
class JdbcWebhooksExportSource implements WorkspaceExportSource {
    static final int PAGE = 1000;
    private static final List<String> RESOURCES = List.of("endpoints", "notification_rules", "notification_events", "deliveries",
            "delivery_attempts");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcWebhooksExportSource(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String section() {
        return "webhooks";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "endpoints" -> Sql.query(jdbc, "SELECT id, uuid, audience, scope, name, url, events, active, disabled_reason, max_attempts, "
                    + "failure_count, last_delivery_status, last_triggered_at, metadata::text AS metadata, "
                    + "array(SELECT k FROM jsonb_object_keys(CASE WHEN jsonb_typeof(custom_headers) = 'object' THEN custom_headers "
                    + "ELSE '{}'::jsonb END) AS k ORDER BY k) AS header_names, "
                    + "created_at, updated_at, deleted_at FROM webhooks.endpoints WHERE organization_id = ? ORDER BY id",
                    List.of(organizationId), r -> record("id", endpointId(r.getString("audience"), r.getLong("id"), r.getObject("uuid", UUID.class)),
                            "uuid", r.getString("uuid"), "audience", r.getString("audience"), "scope", r.getString("scope"),
                            "name", r.getString("name"), "url", r.getString("url"), "events", Sql.strings(r.getArray("events")),
                            "active", r.getBoolean("active"), "disabledReason", r.getString("disabled_reason"),
                            "maxAttempts", r.getInt("max_attempts"), "failureCount", r.getInt("failure_count"),
                            "lastDeliveryStatus", r.getString("last_delivery_status"), "lastTriggeredAt", instant(r, "last_triggered_at"),
                            "metadata", json(r.getString("metadata")), "customHeaderNames", Sql.strings(r.getArray("header_names")),
                            "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"), "deletedAt", instant(r, "deleted_at")))
                    .forEach(sink);
            case "notification_rules" -> Sql.query(jdbc, "SELECT id, type, name, disabled, metadata::text AS metadata, thresholds::text AS thresholds, "
                    + "feature_ids, feature_keys, channel_ids, created_at, updated_at, deleted_at FROM webhooks.notification_rules "
                    + "WHERE namespace = ? ORDER BY created_at, id", List.of(organizationId), r -> record("id", Ulid.of(r.getObject("id", UUID.class)),
                    "type", r.getString("type"), "name", r.getString("name"), "disabled", r.getBoolean("disabled"),
                    "metadata", json(r.getString("metadata")), "thresholds", json(r.getString("thresholds")),
                    "featureIds", ulids(r.getArray("feature_ids")), "featureKeys", Sql.strings(r.getArray("feature_keys")),
                    "channelIds", ulids(r.getArray("channel_ids")), "createdAt", instant(r, "created_at"), "updatedAt", instant(r, "updated_at"),
                    "deletedAt", instant(r, "deleted_at"))).forEach(sink);
            case "notification_events" -> notificationEvents(organizationId, sink);
            case "deliveries" -> deliveries(organizationId, sink);
            case "delivery_attempts" -> attempts(organizationId, sink);
            default -> throw new IllegalArgumentException("the webhooks module keeps no resource '" + resource + "'");
        }
    }

    /** Oldest first, a keyset page at a time on the time-ordered id. */
    private void notificationEvents(UUID organizationId, Consumer<Map<String, ?>> sink) {
        Sql.inKeysetPages(jdbc, "SELECT id, rule_id, type, payload, feature_id, feature_key, subject_key, channel_ids, created_at "
                + "FROM webhooks.notification_events WHERE namespace = ? AND id > ? ORDER BY id", List.of(organizationId), new UUID(0, 0), PAGE,
                r -> r.getObject("id", UUID.class), r -> {
                    UUID feature = r.getObject("feature_id", UUID.class);
                    return record("id", Ulid.of(r.getObject("id", UUID.class)), "ruleId", Ulid.of(r.getObject("rule_id", UUID.class)),
                            "type", r.getString("type"), "featureId", feature == null ? null : Ulid.of(feature),
                            "featureKey", r.getString("feature_key"), "subjectKey", r.getString("subject_key"),
                            "channelIds", ulids(r.getArray("channel_ids")), "payload", json(r.getString("payload")),
                            "createdAt", instant(r, "created_at"));
                }, sink);
    }

    /** Oldest first, a keyset page at a time on the serial id; the body as it was signed and sent. */
    private void deliveries(UUID organizationId, Consumer<Map<String, ?>> sink) {
        Sql.inKeysetPages(jdbc, "SELECT d.id, d.uuid, e.audience, e.id AS endpoint_id, e.uuid AS endpoint_uuid, "
                + "d.message_id, d.source, d.event_type, d.payload, d.status, d.attempts, d.next_attempt_at, d.http_status, d.response, "
                + "d.last_error, d.resent_manually, d.created_at, d.updated_at FROM webhooks.deliveries d "
                + "JOIN webhooks.endpoints e ON e.id = d.endpoint_id WHERE e.organization_id = ? AND d.id > ? ORDER BY d.id",
                List.of(organizationId), 0L, PAGE, r -> r.getLong("id"), r -> record("id", r.getLong("id"), "uuid", r.getString("uuid"),
                        "endpointId", endpointId(r.getString("audience"), r.getLong("endpoint_id"), r.getObject("endpoint_uuid", UUID.class)),
                        "messageId", r.getString("message_id"), "source", r.getString("source"), "eventType", r.getString("event_type"),
                        "payload", r.getString("payload"), "status", r.getString("status"), "attempts", r.getInt("attempts"),
                        "nextAttemptAt", instant(r, "next_attempt_at"), "httpStatus", r.getObject("http_status"),
                        "response", r.getString("response"), "lastError", r.getString("last_error"),
                        "resentManually", r.getBoolean("resent_manually"), "createdAt", instant(r, "created_at"),
                        "updatedAt", instant(r, "updated_at")), sink);
    }

    /** Delivery by delivery, attempt by attempt, a keyset page at a time on the table's key (delivery id, number). */
    private void attempts(UUID organizationId, Consumer<Map<String, ?>> sink) {
        long afterDelivery = 0;
        int afterNumber = 0;
        while (true) {
            List<Map<String, Object>> page = Sql.query(jdbc, "SELECT a.delivery_id, a.number, a.attempted_at, a.url, a.status_code, "
                    + "a.duration_ms, a.body, a.error FROM webhooks.attempts a JOIN webhooks.deliveries d ON d.id = a.delivery_id "
                    + "JOIN webhooks.endpoints e ON e.id = d.endpoint_id WHERE e.organization_id = ? AND (a.delivery_id, a.number) > (?, ?) "
                    + "ORDER BY a.delivery_id, a.number LIMIT " + PAGE, List.of(organizationId, afterDelivery, afterNumber), r -> record(
                    "deliveryId", r.getLong("delivery_id"), "number", r.getInt("number"), "attemptedAt", instant(r, "attempted_at"),
                    "url", r.getString("url"), "statusCode", r.getObject("status_code"), "durationMs", r.getLong("duration_ms"),
                    "responseBody", r.getString("body"), "error", r.getString("error")));
            page.forEach(sink);
            if (page.size() < PAGE) {
                return;
            }
            Map<String, Object> last = page.get(page.size() - 1);
            afterDelivery = (Long) last.get("deliveryId");
            afterNumber = (Integer) last.get("number");
        }
    }

    /** The id each API shows its endpoints by: php-tenant's integer, PlanetScale's {@code whk_} id, OpenMeter's ULID. */
    private static Object endpointId(String audience, long id, UUID uuid) {
        return switch (audience) {
            case "php-tenant" -> id;
            case "planetscale" -> TypeId.format("whk", uuid);
            default -> Ulid.of(uuid);
        };
    }

    private static List<String> ulids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((UUID[]) array.getArray()).map(Ulid::of).toList();
    }

    private static Instant instant(ResultSet r, String column) throws SQLException {
        return Sql.instant(r.getTimestamp(column));
    }

    private Object json(String text) {
        return JsonColumns.read(json, text);
    }
}

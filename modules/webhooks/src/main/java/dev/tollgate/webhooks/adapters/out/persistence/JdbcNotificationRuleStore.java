package dev.tollgate.webhooks.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.webhooks.application.port.out.NotificationRuleStore;
import dev.tollgate.webhooks.domain.NotificationRule;
import dev.tollgate.webhooks.domain.NotificationRule.Feature;
import dev.tollgate.webhooks.domain.NotificationRule.Threshold;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/** Rules in {@code webhooks.notification_rules}. */
@Singleton
@io.micronaut.transaction.annotation.Transactional
class JdbcNotificationRuleStore implements NotificationRuleStore {
    private static final String COLUMNS = "id, namespace, type, name, disabled, metadata::text AS metadata, thresholds::text AS thresholds,"
            + " feature_ids, feature_keys, channel_ids, created_at, updated_at, deleted_at";
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcNotificationRuleStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void create(NotificationRule r) {
        jdbc.prepareStatement("""
                INSERT INTO webhooks.notification_rules (id, namespace, type, name, disabled, metadata, thresholds, feature_ids, feature_keys,
                    channel_ids, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?)""", s -> {
            s.setObject(1, r.id());
            s.setObject(2, r.namespace());
            bindFields(s, r, 3);
            s.setTimestamp(11, Sql.timestamp(r.createdAt()));
            s.setTimestamp(12, Sql.timestamp(r.updatedAt()));
            return s.executeUpdate();
        });
    }

    @Override
    public void update(NotificationRule r) {
        jdbc.prepareStatement("""
                UPDATE webhooks.notification_rules SET type = ?, name = ?, disabled = ?, metadata = ?::jsonb, thresholds = ?::jsonb,
                    feature_ids = ?, feature_keys = ?, channel_ids = ?, updated_at = ? WHERE id = ? AND namespace = ?""", s -> {
            bindFields(s, r, 1);
            s.setTimestamp(9, Sql.timestamp(r.updatedAt()));
            s.setObject(10, r.id());
            s.setObject(11, r.namespace());
            return s.executeUpdate();
        });
    }

    /** type, name, disabled, metadata, thresholds, feature ids, feature keys, channel ids from {@code first}. */
    private void bindFields(PreparedStatement s, NotificationRule r, int first) throws SQLException {
        s.setString(first, r.type());
        s.setString(first + 1, r.name());
        s.setBoolean(first + 2, r.disabled());
        s.setString(first + 3, r.metadata() == null ? null : JsonColumns.write(json, r.metadata()));
        s.setString(first + 4, JsonColumns.write(json, r.thresholds().stream().map(t -> Map.of("value", t.value(), "type", t.type())).toList()));
        s.setArray(first + 5, s.getConnection().createArrayOf("uuid", r.features().stream().map(Feature::id).toArray()));
        s.setArray(first + 6, s.getConnection().createArrayOf("text", r.features().stream().map(Feature::key).toArray()));
        s.setArray(first + 7, s.getConnection().createArrayOf("uuid", r.channels().toArray()));
    }

    @Override
    public Optional<NotificationRule> find(UUID namespace, UUID id) {
        return select("WHERE namespace = ? AND id = ?", List.of(namespace, id)).stream().findFirst();
    }

    @Override
    public Page<NotificationRule> search(UUID namespace, Search search, PageRequest page) {
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        String where = "WHERE namespace = ?";
        if (!search.includeDeleted()) {
            where += " AND deleted_at IS NULL";
        }
        if (!search.includeDisabled()) {
            where += " AND (NOT disabled OR deleted_at IS NOT NULL)";
        }
        if (search.features() != null && !search.features().isEmpty()) {
            where += " AND (feature_keys && ? OR feature_ids && ?)";
            parameters.add(search.features().toArray(String[]::new));
            parameters.add(search.features().stream().map(Ulid::parse).flatMap(Optional::stream).toArray(UUID[]::new));
        }
        if (search.channels() != null && !search.channels().isEmpty()) {
            where += " AND channel_ids && ?";
            parameters.add(search.channels().toArray(UUID[]::new));
        }
        String order = switch (search.orderBy()) {
            case "createdAt" -> "created_at";
            case "updatedAt" -> "updated_at";
            case "type" -> "type";
            default -> "id";
        };
        String direction = search.descending() ? " DESC" : " ASC";
        List<Object> counted = new ArrayList<>(parameters);
        long total = jdbc.prepareStatement("SELECT count(*) FROM webhooks.notification_rules " + where, s -> {
            Sql.bind(s, counted);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        parameters.add(page.limit());
        parameters.add(page.offset());
        return new Page<>(select(where + " ORDER BY " + order + direction + ", id" + direction + " LIMIT ? OFFSET ?", parameters), total, page);
    }

    @Override
    public void softDelete(UUID namespace, UUID id, Instant at) {
        Sql.update(jdbc, "UPDATE webhooks.notification_rules SET deleted_at = ?, updated_at = ? WHERE namespace = ? AND id = ? AND deleted_at IS NULL",
                List.of(Sql.timestamp(at), Sql.timestamp(at), namespace, id));
    }

    @Override
    public List<NotificationRule> active(UUID namespace, String type) {
        return select("WHERE namespace = ? AND type = ? AND deleted_at IS NULL AND NOT disabled ORDER BY id", List.of(namespace, type));
    }

    @Override
    public java.util.Set<UUID> namespacesWithActive(java.util.Collection<String> types) {
        return new java.util.HashSet<>(Sql.query(jdbc, "SELECT DISTINCT namespace FROM webhooks.notification_rules"
                + " WHERE type = ANY (?) AND deleted_at IS NULL AND NOT disabled", List.of((Object) types.toArray(String[]::new)),
                rs -> rs.getObject(1, UUID.class)));
    }

    private List<NotificationRule> select(String where, List<?> parameters) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM webhooks.notification_rules " + where, parameters, this::read);
    }

    private NotificationRule read(ResultSet rs) throws SQLException {
        UUID[] featureIds = (UUID[]) rs.getArray("feature_ids").getArray();
        String[] featureKeys = (String[]) rs.getArray("feature_keys").getArray();
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < featureIds.length; i++) {
            features.add(new Feature(featureIds[i], featureKeys[i]));
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (Map<String, Object> t : readList(rs.getString("thresholds"))) {
            thresholds.add(new Threshold(((Number) t.get("value")).doubleValue(), (String) t.get("type")));
        }
        String metadata = rs.getString("metadata");
        return new NotificationRule(rs.getObject("id", UUID.class), rs.getObject("namespace", UUID.class), rs.getString("type"),
                rs.getString("name"), rs.getBoolean("disabled"), metadata == null ? null : readMetadata(metadata), thresholds, features,
                Arrays.asList((UUID[]) rs.getArray("channel_ids").getArray()), Sql.instant(rs.getTimestamp("created_at")),
                Sql.instant(rs.getTimestamp("updated_at")), Sql.instant(rs.getTimestamp("deleted_at")));
    }

    private List<Map<String, Object>> readList(String text) {
        try {
            return json.readValue(text, Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> readMetadata(String text) {
        try {
            return json.readValue(text, Argument.mapOf(String.class, String.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

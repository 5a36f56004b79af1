package dev.tollgate.webhooks.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.webhooks.application.port.out.NotificationEventStore;
import dev.tollgate.webhooks.domain.NotificationEvent;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Events in {@code webhooks.notification_events}. */
@Singleton
@io.micronaut.transaction.annotation.Transactional
class JdbcNotificationEventStore implements NotificationEventStore {
    private static final String COLUMNS = "id, namespace, rule_id, type, payload, feature_id, feature_key, subject_key, channel_ids, dedupe_key, created_at";
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcNotificationEventStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean create(NotificationEvent e) {
        return jdbc.prepareStatement("INSERT INTO webhooks.notification_events (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (namespace, dedupe_key) DO NOTHING", s -> {
            Sql.bind(s, Arrays.asList(e.id(), e.namespace(), e.ruleId(), e.type(), JsonColumns.write(json, e.payload()), e.featureId(),
                    e.featureKey(), e.subjectKey(), e.channels().toArray(UUID[]::new), e.dedupeKey(), Sql.timestamp(e.createdAt())));
            return s.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<NotificationEvent> find(UUID namespace, UUID id) {
        return select("WHERE namespace = ? AND id = ?", List.of(namespace, id)).stream().findFirst();
    }

    @Override
    public Optional<NotificationEvent> latestWithDedupePrefix(UUID namespace, String prefix) {
        return select("WHERE namespace = ? AND starts_with(dedupe_key, ?) ORDER BY created_at DESC, id DESC LIMIT 1", List.of(namespace, prefix))
                .stream().findFirst();
    }

    @Override
    public Page<NotificationEvent> search(UUID namespace, Search q, PageRequest page) {
        List<Object> parameters = new ArrayList<>(List.of(namespace));
        StringBuilder where = new StringBuilder("WHERE namespace = ?");
        if (q.from() != null) {
            where.append(" AND created_at >= ?");
            parameters.add(Sql.timestamp(q.from()));
        }
        if (q.to() != null) {
            where.append(" AND created_at <= ?");
            parameters.add(Sql.timestamp(q.to()));
        }
        if (q.features() != null && !q.features().isEmpty()) {
            where.append(" AND (feature_key = ANY(?) OR feature_id = ANY(?))");
            parameters.add(q.features().toArray(String[]::new));
            parameters.add(q.features().stream().map(Ulid::parse).flatMap(Optional::stream).toArray(UUID[]::new));
        }
        if (q.subjects() != null && !q.subjects().isEmpty()) {
            where.append(" AND subject_key = ANY(?)");
            parameters.add(q.subjects().toArray(String[]::new));
        }
        if (q.rules() != null && !q.rules().isEmpty()) {
            where.append(" AND rule_id = ANY(?)");
            parameters.add(q.rules().toArray(UUID[]::new));
        }
        if (q.channels() != null && !q.channels().isEmpty()) {
            where.append(" AND channel_ids && ?");
            parameters.add(q.channels().toArray(UUID[]::new));
        }
        String order = "createdAt".equals(q.orderBy()) ? "created_at" : "id";
        String direction = q.descending() ? " DESC" : " ASC";
        List<Object> counted = new ArrayList<>(parameters);
        long total = jdbc.prepareStatement("SELECT count(*) FROM webhooks.notification_events " + where, s -> {
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

    private List<NotificationEvent> select(String where, List<?> parameters) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM webhooks.notification_events " + where, parameters, this::read);
    }

    private NotificationEvent read(ResultSet rs) throws SQLException {
        Map<String, Object> payload;
        try {
            payload = json.readValue(rs.getString("payload"), Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NotificationEvent(rs.getObject("id", UUID.class), rs.getObject("namespace", UUID.class), rs.getObject("rule_id", UUID.class),
                rs.getString("type"), payload, rs.getObject("feature_id", UUID.class), rs.getString("feature_key"), rs.getString("subject_key"),
                Arrays.asList((UUID[]) rs.getArray("channel_ids").getArray()), rs.getString("dedupe_key"), Sql.instant(rs.getTimestamp("created_at")));
    }
}

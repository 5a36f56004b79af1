package dev.tollgate.platform.outbox;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The relay's SQL over {@code outbox.events} and {@code outbox.deliveries}; every call runs in the caller's transaction. */
@Singleton
final class OutboxTable {
    /** An event as stored, its payload still JSON; {@code createdAt} is its transaction's start on the database's clock. */
    record StoredEvent(UUID id, String aggregate, String payload, Instant createdAt) {
    }

    /** How far behind a consumer is: undelivered events, and the age of the oldest. */
    record Backlog(long events, Duration lag) {
    }

    private final JdbcOperations jdbc;

    OutboxTable(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The database's time: the outbox orders and ages events by it, whatever the application's clock says. */
    Instant now() {
        return jdbc.prepareStatement("SELECT now()", s -> {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        });
    }

    /** The oldest events of {@code type} since {@code from} not yet given to {@code consumer}, in publication order. */
    List<StoredEvent> undelivered(String consumer, String type, Instant from, int limit) {
        return jdbc.prepareStatement("""
                SELECT e.id, e.aggregate, e.payload::text, e.created_at FROM outbox.events e
                WHERE e.type = ? AND e.created_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM outbox.deliveries d WHERE d.consumer = ? AND d.event_id = e.id)
                ORDER BY e.position LIMIT ?""", s -> {
            s.setString(1, type);
            s.setTimestamp(2, Timestamp.from(from));
            s.setString(3, consumer);
            s.setInt(4, limit);
            List<StoredEvent> events = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    events.add(new StoredEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
                }
            }
            return events;
        });
    }

    /** Claims the event for the consumer; false when it already has it (another node, or an earlier round). */
    boolean claim(String consumer, UUID eventId) {
        return jdbc.prepareStatement("""
                INSERT INTO outbox.deliveries (consumer, event_id, delivered_at) VALUES (?, ?, now())
                ON CONFLICT DO NOTHING""", s -> {
            s.setString(1, consumer);
            s.setObject(2, eventId);
            return s.executeUpdate() == 1;
        });
    }

    /** One delivering transaction per cluster consumer at a time, across nodes, so its events keep their order. */
    boolean lockConsumer(String consumer) {
        return jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtextextended('outbox:' || ?, 0))", s -> {
            s.setString(1, consumer);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    Backlog backlog(String consumer, String type, Instant from) {
        return jdbc.prepareStatement("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(e.created_at)), 0) FROM outbox.events e
                WHERE e.type = ? AND e.created_at >= ?
                  AND NOT EXISTS (SELECT 1 FROM outbox.deliveries d WHERE d.consumer = ? AND d.event_id = e.id)""", s -> {
            s.setString(1, type);
            s.setTimestamp(2, Timestamp.from(from));
            s.setString(3, consumer);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), Duration.ofMillis((long) (rs.getDouble(2) * 1000)));
            }
        });
    }

    /** Forgets events older than {@code retention} (with their deliveries) and node deliveries older than a day. */
    void prune(Duration retention) {
        jdbc.prepareStatement("DELETE FROM outbox.events WHERE created_at < now() - ?::interval", s -> {
            s.setString(1, retention.toSeconds() + " seconds");
            return s.executeUpdate();
        });
        jdbc.prepareStatement("DELETE FROM outbox.deliveries WHERE consumer LIKE '%@%' AND delivered_at < now() - interval '1 day'",
                s -> s.executeUpdate());
    }
}

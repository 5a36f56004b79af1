package dev.tollgate.webhooks.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.domain.Attempt;
import dev.tollgate.webhooks.domain.Audience;
import dev.tollgate.webhooks.domain.Backlog;
import dev.tollgate.webhooks.domain.DeliveriesEnqueued;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.DeliveryStatus;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery queue in {@code webhooks.deliveries} (ADR 0048): claims take due rows with {@code SKIP LOCKED} and lease
 * them, so several workers (nodes) share the queue; outcomes are written a batch per statement.
 */
@Singleton
class JdbcDeliveryStore implements DeliveryStore {
    private static final String COLUMNS = "d.id, d.uuid, d.endpoint_id, d.message_id, d.event_type, d.payload, d.status, d.attempts,"
            + " d.next_attempt_at, d.http_status, d.response, d.last_error, d.resent_manually, d.created_at, d.updated_at";
    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher<DeliveriesEnqueued> enqueued;

    JdbcDeliveryStore(JdbcOperations jdbc, JsonMapper json, ApplicationEventPublisher<DeliveriesEnqueued> enqueued) {
        this.jdbc = jdbc;
        this.json = json;
        this.enqueued = enqueued;
    }

    @Override
    @Transactional
    public void enqueue(List<NewDelivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO webhooks.deliveries (uuid, endpoint_id, message_id, source, event_type, payload, status, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', coalesce(?, now()), now(), now()) ON CONFLICT (endpoint_id, source) DO NOTHING""", s -> {
            for (NewDelivery d : deliveries) {
                bindNew(s, d, d.dueAt());
                s.addBatch();
            }
            return s.executeBatch();
        });
        enqueued.publishEvent(new DeliveriesEnqueued(deliveries.size()));
    }

    @Override
    @Transactional
    public Delivery enqueueOne(NewDelivery delivery) {
        long id = jdbc.prepareStatement("""
                INSERT INTO webhooks.deliveries (uuid, endpoint_id, message_id, source, event_type, payload, status, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, now(), now()) RETURNING id""", s -> {
            bindNew(s, delivery, null);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return find(id).orElseThrow();
    }

    private void bindNew(PreparedStatement s, NewDelivery d, Instant dueAt) throws SQLException {
        s.setObject(1, UUID.randomUUID());
        s.setLong(2, d.endpointId());
        s.setString(3, d.messageId());
        s.setString(4, d.source());
        s.setString(5, d.eventType());
        s.setString(6, JsonColumns.write(json, d.payload()));
        s.setTimestamp(7, Sql.timestamp(dueAt));
    }

    @Override
    @Transactional
    public List<Delivery> claimDue(Instant now, int max, Duration lease) {
        return jdbc.prepareStatement("""
                UPDATE webhooks.deliveries d SET next_attempt_at = ?
                FROM (SELECT q.id FROM webhooks.deliveries q JOIN webhooks.endpoints e ON e.id = q.endpoint_id AND e.active AND e.deleted_at IS NULL
                      WHERE q.status = 'pending' AND q.next_attempt_at <= ? ORDER BY q.next_attempt_at LIMIT ?
                      FOR UPDATE OF q SKIP LOCKED) due
                WHERE d.id = due.id RETURNING\s""" + COLUMNS, s -> {
            s.setTimestamp(1, Sql.timestamp(now.plus(lease)));
            s.setTimestamp(2, Sql.timestamp(now));
            s.setInt(3, max);
            return readAll(s);
        });
    }

    @Override
    @Transactional
    public void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        // One order for every writer (deliveries, then endpoints, by id): concurrent recorders never deadlock.
        List<Outcome> ordered = outcomes.stream().sorted(Comparator.comparingLong(o -> o.delivery().id())).toList();
        int[] updated = jdbc.prepareStatement("""
                UPDATE webhooks.deliveries SET status = ?, attempts = greatest(attempts, ?), next_attempt_at = ?, http_status = ?,
                    response = ?, last_error = ?, updated_at = ? WHERE id = ? AND next_attempt_at IS NOT DISTINCT FROM ?""", s -> {
            for (Outcome o : ordered) {
                s.setString(1, o.verdict().status().wire());
                s.setInt(2, o.attemptNumber());
                s.setTimestamp(3, Sql.timestamp(o.verdict().nextAttemptAt()));
                setInteger(s, 4, o.result().statusCode());
                s.setString(5, o.result().body());
                s.setString(6, o.result().error());
                s.setTimestamp(7, Sql.timestamp(o.attemptedAt()));
                s.setLong(8, o.delivery().id());
                // Only while the delivery is as the attempt found it: a resend queued meanwhile (due again, a new
                // next_attempt_at) is not overwritten by the answer to the attempt before it.
                s.setTimestamp(9, Sql.timestamp(o.delivery().nextAttemptAt()));
                s.addBatch();
            }
            return s.executeBatch();
        });
        List<Outcome> kept = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            if (updated[i] != 0) {
                kept.add(ordered.get(i)); // the others were deleted with their endpoint, or queued again meanwhile
            }
        }
        jdbc.prepareStatement("""
                INSERT INTO webhooks.attempts (delivery_id, number, attempted_at, url, status_code, duration_ms, body, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (delivery_id, number) DO NOTHING""", s -> {
            for (Outcome o : kept) {
                s.setLong(1, o.delivery().id());
                s.setInt(2, o.attemptNumber());
                s.setTimestamp(3, Sql.timestamp(o.attemptedAt()));
                s.setString(4, o.url());
                setInteger(s, 5, o.result().statusCode());
                s.setLong(6, o.result().durationMillis());
                s.setString(7, o.result().body());
                s.setString(8, o.result().error());
                s.addBatch();
            }
            return s.executeBatch();
        });
        updateEndpoints(kept);
    }

    /** Per endpoint: the last attempt's status and time, the breaker's count of consecutive failures, 410s. */
    private void updateEndpoints(List<Outcome> outcomes) {
        Map<Long, List<Outcome>> byEndpoint = new java.util.TreeMap<>();
        outcomes.stream().sorted(Comparator.comparing(Outcome::attemptedAt))
                .forEach(o -> byEndpoint.computeIfAbsent(o.delivery().endpointId(), id -> new ArrayList<>()).add(o));
        jdbc.prepareStatement("""
                UPDATE webhooks.endpoints e SET
                    failure_count = CASE WHEN v.reset THEN v.failures ELSE e.failure_count + v.failures END,
                    last_delivery_status = v.status, last_triggered_at = greatest(e.last_triggered_at, v.at),
                    disabled_reason = CASE WHEN NOT e.active THEN e.disabled_reason WHEN v.gone THEN 'gone'
                        WHEN (CASE WHEN v.reset THEN v.failures ELSE e.failure_count + v.failures END) >= e_threshold.n THEN 'circuit_open'
                        ELSE e.disabled_reason END,
                    active = e.active AND NOT v.gone AND (CASE WHEN v.reset THEN v.failures ELSE e.failure_count + v.failures END) < e_threshold.n
                FROM (SELECT ?::boolean AS reset, ?::integer AS failures, ?::text AS status, ?::timestamptz AS at, ?::boolean AS gone) v,
                     (SELECT ?::integer AS n) e_threshold
                WHERE e.id = ?""", s -> {
            for (Map.Entry<Long, List<Outcome>> entry : byEndpoint.entrySet()) {
                List<Outcome> seq = entry.getValue();
                int lastSuccess = -1;
                for (int i = 0; i < seq.size(); i++) {
                    if (seq.get(i).result().succeeded()) {
                        lastSuccess = i;
                    }
                }
                Outcome last = seq.get(seq.size() - 1);
                s.setBoolean(1, lastSuccess >= 0);
                s.setInt(2, seq.size() - 1 - lastSuccess);
                s.setString(3, last.verdict().status().wire());
                s.setTimestamp(4, Sql.timestamp(last.attemptedAt()));
                s.setBoolean(5, seq.stream().anyMatch(o -> o.verdict().endpointGone()));
                s.setInt(6, thresholdOf(entry.getKey()));
                s.setLong(7, entry.getKey());
                s.addBatch();
            }
            return s.executeBatch();
        });
    }

    private final Map<Long, Integer> thresholds = new java.util.concurrent.ConcurrentHashMap<>();

    /** An endpoint's audience never changes: its breaker threshold is looked up once. */
    private int thresholdOf(long endpointId) {
        return thresholds.computeIfAbsent(endpointId, id -> jdbc.prepareStatement("SELECT audience FROM webhooks.endpoints WHERE id = ?", s -> {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Audience.ofStored(rs.getString(1)).breakerThreshold() : Integer.MAX_VALUE;
            }
        }));
    }

    @Override
    @Transactional
    public Optional<Delivery> find(long endpointId, long deliveryId) {
        return select("WHERE d.id = ? AND d.endpoint_id = ?", List.of(deliveryId, endpointId)).stream().findFirst();
    }

    @Override
    @Transactional
    public Optional<Delivery> find(long deliveryId) {
        return select("WHERE d.id = ?", List.of(deliveryId)).stream().findFirst();
    }

    @Override
    @Transactional
    public Page<Delivery> ofEndpoint(long endpointId, PageRequest page) {
        long total = jdbc.prepareStatement("SELECT count(*) FROM webhooks.deliveries WHERE endpoint_id = ?", s -> {
            s.setLong(1, endpointId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return new Page<>(select("WHERE d.endpoint_id = ? ORDER BY d.id DESC LIMIT ? OFFSET ?", List.of(endpointId, page.limit(), page.offset())),
                total, page);
    }

    @Override
    @Transactional
    public Delivery resend(long deliveryId, Instant now) {
        Sql.update(jdbc, "UPDATE webhooks.deliveries SET status = 'pending', next_attempt_at = NULL, resent_manually = true, updated_at = ? WHERE id = ?",
                List.of(Sql.timestamp(now), deliveryId));
        return find(deliveryId).orElseThrow();
    }

    @Override
    @Transactional
    public Backlog backlog(Instant now) {
        return jdbc.prepareStatement("""
                SELECT count(*), min(q.next_attempt_at) FROM webhooks.deliveries q JOIN webhooks.endpoints e ON e.id = q.endpoint_id AND e.active AND e.deleted_at IS NULL
                WHERE q.status = 'pending' AND q.next_attempt_at <= ?""", s -> {
            s.setTimestamp(1, Sql.timestamp(now));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Instant oldest = Sql.instant(rs.getTimestamp(2));
                return new Backlog(rs.getLong(1), oldest == null ? Duration.ZERO : Duration.between(oldest, now));
            }
        });
    }

    @Override
    @Transactional
    public List<Delivery> ofSource(String source) {
        return select("WHERE d.source = ? ORDER BY d.id", List.of(source));
    }

    @Override
    @Transactional
    public Map<Long, List<Attempt>> attempts(java.util.Collection<Long> deliveryIds) {
        Map<Long, List<Attempt>> found = new java.util.LinkedHashMap<>();
        if (deliveryIds.isEmpty()) {
            return found;
        }
        return jdbc.prepareStatement("SELECT delivery_id, number, attempted_at, url, status_code, duration_ms, body, error"
                + " FROM webhooks.attempts WHERE delivery_id = ANY(?) ORDER BY delivery_id, number", s -> {
            s.setArray(1, s.getConnection().createArrayOf("bigint", deliveryIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt("status_code");
                    Integer status = rs.wasNull() ? null : code;
                    found.computeIfAbsent(rs.getLong("delivery_id"), k -> new ArrayList<>()).add(new Attempt(rs.getLong("delivery_id"),
                            rs.getInt("number"), Sql.instant(rs.getTimestamp("attempted_at")), rs.getString("url"), status,
                            rs.getLong("duration_ms"), rs.getString("body"), rs.getString("error")));
                }
            }
            return found;
        });
    }

    @Override
    @Transactional
    public Delivery resendAt(long deliveryId, Instant dueAt) {
        Sql.update(jdbc, "UPDATE webhooks.deliveries SET status = 'pending', next_attempt_at = ?, resent_manually = true, updated_at = ? WHERE id = ?",
                List.of(Sql.timestamp(dueAt), Sql.timestamp(dueAt), deliveryId));
        return find(deliveryId).orElseThrow();
    }

    private List<Delivery> select(String where, List<?> parameters) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM webhooks.deliveries d " + where, parameters, JdbcDeliveryStore::read);
    }

    private static List<Delivery> readAll(PreparedStatement s) throws SQLException {
        List<Delivery> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs));
            }
        }
        return rows;
    }

    private static Delivery read(ResultSet rs) throws SQLException {
        int code = rs.getInt("http_status");
        Integer httpStatus = rs.wasNull() ? null : code;
        return new Delivery(rs.getLong("id"), rs.getObject("uuid", UUID.class), rs.getLong("endpoint_id"), rs.getString("message_id"),
                rs.getString("event_type"), rs.getString("payload"), DeliveryStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                rs.getInt("attempts"), Sql.instant(rs.getTimestamp("next_attempt_at")), httpStatus,
                rs.getString("response"), rs.getString("last_error"), rs.getBoolean("resent_manually"),
                Sql.instant(rs.getTimestamp("created_at")), Sql.instant(rs.getTimestamp("updated_at")));
    }

    private static void setInteger(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}

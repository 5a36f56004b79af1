package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.proxy.application.port.out.MetricsSnapshotStore;
import dev.tollgate.proxy.domain.MetricsSnapshot;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Metrics snapshots in {@code proxy.metrics_snapshots}, explicit JDBC (ADR 0053): each flush is an
 * INSERT ... ON CONFLICT (project, region, minute) DO UPDATE that adds its counts and sums to the minute's row, so any
 * number of flushes and nodes write concurrently without reading first. Averages are computed on read.
 */
@Singleton
final class JdbcMetricsSnapshotStore implements MetricsSnapshotStore {
    private static final String COLUMNS = "id, project_id, region, minute, queries, cache_hits, cache_misses, active_connections, "
            + "answered, latency_micros, query_micros, p99_latency_micros, acquisitions, connect_micros, created_at";

    private final JdbcOperations jdbc;

    JdbcMetricsSnapshotStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(List<MetricsSnapshot> counted) {
        // Active connections are the latest flush's: one node per region reports exactly (see ADR 0053 for several).
        String sql = "INSERT INTO proxy.metrics_snapshots AS s (" + COLUMNS + """
                ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (project_id, region, minute) DO UPDATE SET
                    queries = s.queries + EXCLUDED.queries,
                    cache_hits = s.cache_hits + EXCLUDED.cache_hits,
                    cache_misses = s.cache_misses + EXCLUDED.cache_misses,
                    active_connections = CASE WHEN EXCLUDED.created_at >= s.created_at THEN EXCLUDED.active_connections
                                              ELSE s.active_connections END,
                    answered = s.answered + EXCLUDED.answered,
                    latency_micros = s.latency_micros + EXCLUDED.latency_micros,
                    query_micros = s.query_micros + EXCLUDED.query_micros,
                    p99_latency_micros = greatest(s.p99_latency_micros, EXCLUDED.p99_latency_micros),
                    acquisitions = s.acquisitions + EXCLUDED.acquisitions,
                    connect_micros = s.connect_micros + EXCLUDED.connect_micros,
                    created_at = greatest(s.created_at, EXCLUDED.created_at)""";
        // Rows locked in one order on every node: two nodes flushing the same minutes cannot deadlock.
        List<MetricsSnapshot> ordered = counted.stream()
                .sorted(Comparator.comparing(MetricsSnapshot::projectId).thenComparing(MetricsSnapshot::region)
                        .thenComparing(MetricsSnapshot::minute)).toList();
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            for (MetricsSnapshot m : ordered) {
                s.setString(1, m.id());
                s.setObject(2, m.projectId());
                s.setString(3, m.region());
                s.setTimestamp(4, Timestamp.from(m.minute()));
                s.setLong(5, m.queries());
                s.setLong(6, m.cacheHits());
                s.setLong(7, m.cacheMisses());
                s.setInt(8, m.activeConnections());
                s.setLong(9, m.answered());
                s.setLong(10, m.latencyMicros());
                s.setLong(11, m.queryMicros());
                s.setLong(12, m.p99LatencyMicros());
                s.setLong(13, m.acquisitions());
                s.setLong(14, m.connectMicros());
                s.setTimestamp(15, Timestamp.from(m.createdAt()));
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record " + counted.size() + " metrics snapshots", e);
        }
    }

    @Override
    public List<MetricsSnapshot> newest(UUID projectId, String region, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM proxy.metrics_snapshots WHERE project_id = ?"
                + (region == null ? "" : " AND region = ?") + " ORDER BY minute DESC, region LIMIT ?";
        try (PreparedStatement s = jdbc.getConnection().prepareStatement(sql)) {
            int i = 1;
            s.setObject(i++, projectId);
            if (region != null) {
                s.setString(i++, region);
            }
            s.setInt(i, limit);
            List<MetricsSnapshot> found = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.add(new MetricsSnapshot(r.getString(1), r.getObject(2, UUID.class), r.getString(3), r.getTimestamp(4).toInstant(),
                            r.getLong(5), r.getLong(6), r.getLong(7), r.getInt(8), r.getLong(9), r.getLong(10), r.getLong(11),
                            r.getLong(12), r.getLong(13), r.getLong(14), r.getTimestamp(15).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the metrics snapshots of project " + projectId, e);
        }
    }

    @Override
    public int activeConnections(UUID projectId, Instant since) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("""
                SELECT coalesce(sum(active_connections), 0) FROM (
                    SELECT DISTINCT ON (region) active_connections FROM proxy.metrics_snapshots
                    WHERE project_id = ? AND minute >= ? ORDER BY region, minute DESC) AS latest""")) {
            s.setObject(1, projectId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the active connections of project " + projectId, e);
        }
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("DELETE FROM proxy.metrics_snapshots WHERE minute < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete metrics snapshots before " + cutoff, e);
        }
    }
}

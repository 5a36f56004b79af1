package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.proxy.application.port.out.QueryShapeStore;
import dev.tollgate.proxy.domain.LatencyBuckets;
import dev.tollgate.proxy.domain.ObservedShape;
import dev.tollgate.proxy.domain.ProjectInsights.ShapeTotals;
import dev.tollgate.proxy.domain.ProjectInsights.Totals;
import dev.tollgate.proxy.domain.ShapeStats;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Query shape figures in {@code proxy.query_shapes}, explicit JDBC (ADR 0029, 0057): each flush is an
 * INSERT ... ON CONFLICT DO UPDATE that adds its counts, sums and histogram to the row of its period, so flushes and
 * nodes write concurrently without reading first. Reads sum the periods of a range in the database, histograms
 * included (bucket by bucket through {@code unnest ... WITH ORDINALITY}), so at most 240 buckets per shape come back.
 */
@Singleton
final class JdbcQueryShapeStore implements QueryShapeStore {
    private static final String UPSERT = """
            INSERT INTO proxy.query_shapes AS s (project_id, region, period, query_hash, query_pattern, query_kind, calls,
                latency_micros, latency_squares, rows_returned, bytes_sent, histogram, first_seen, last_seen, cache_hits)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (project_id, period, region, query_hash) DO UPDATE SET
                calls = s.calls + EXCLUDED.calls,
                cache_hits = s.cache_hits + EXCLUDED.cache_hits,
                latency_micros = s.latency_micros + EXCLUDED.latency_micros,
                latency_squares = s.latency_squares + EXCLUDED.latency_squares,
                rows_returned = s.rows_returned + EXCLUDED.rows_returned,
                bytes_sent = s.bytes_sent + EXCLUDED.bytes_sent,
                histogram = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0)
                                  FROM unnest(s.histogram, EXCLUDED.histogram) WITH ORDINALITY AS h(a, b, i) ORDER BY i),
                first_seen = least(s.first_seen, EXCLUDED.first_seen),
                last_seen = greatest(s.last_seen, EXCLUDED.last_seen)""";

    private final JdbcOperations jdbc;

    JdbcQueryShapeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(List<ShapeStats> counted) {
        // Rows locked in one order on every node: two nodes flushing the same periods cannot deadlock.
        List<ShapeStats> ordered = counted.stream()
                .sorted(Comparator.comparing(ShapeStats::projectId).thenComparing(ShapeStats::period)
                        .thenComparing(ShapeStats::region).thenComparing(ShapeStats::hash)).toList();
        Connection connection = jdbc.getConnection();
        try (PreparedStatement s = connection.prepareStatement(UPSERT)) {
            for (ShapeStats m : ordered) {
                s.setObject(1, m.projectId());
                s.setString(2, m.region());
                s.setTimestamp(3, Timestamp.from(m.period()));
                s.setString(4, m.hash());
                s.setString(5, m.pattern());
                s.setString(6, m.kind().name().toLowerCase(Locale.ROOT));
                s.setLong(7, m.calls());
                s.setLong(8, m.latencyMicros());
                s.setDouble(9, m.latencySquares());
                s.setLong(10, m.rows());
                s.setLong(11, m.bytes());
                Long[] buckets = new Long[m.histogram().length];
                for (int i = 0; i < buckets.length; i++) {
                    buckets[i] = m.histogram()[i];
                }
                s.setArray(12, connection.createArrayOf("bigint", buckets));
                s.setTimestamp(13, Timestamp.from(m.firstSeen()));
                s.setTimestamp(14, Timestamp.from(m.lastSeen()));
                s.setLong(15, m.cacheHits());
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the figures of " + counted.size() + " query shapes", e);
        }
    }

    @Override
    public List<ShapeTotals> mostCalled(UUID projectId, Instant since, int limit) {
        Map<String, String[]> top = new LinkedHashMap<>(); // hash -> pattern, in order of calls
        Map<String, long[]> sums = new HashMap<>();
        Connection connection = jdbc.getConnection();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT query_hash, max(query_pattern), sum(calls), sum(latency_micros), sum(cache_hits) FROM proxy.query_shapes
                WHERE project_id = ? AND period >= ? AND query_hash <> ''
                GROUP BY query_hash ORDER BY sum(calls) DESC, query_hash LIMIT ?""")) {
            s.setObject(1, projectId);
            s.setTimestamp(2, Timestamp.from(since));
            s.setInt(3, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    top.put(r.getString(1), new String[] {r.getString(2)});
                    sums.put(r.getString(1), new long[] {r.getLong(3), r.getLong(4), r.getLong(5)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the query shapes of project " + projectId, e);
        }
        if (top.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> histograms = histograms(projectId, since, top.keySet().toArray(String[]::new));
        List<ShapeTotals> found = new ArrayList<>(top.size());
        top.forEach((hash, pattern) -> found.add(new ShapeTotals(hash, pattern[0],
                new Totals(sums.get(hash)[0], sums.get(hash)[2], sums.get(hash)[1], histograms.getOrDefault(hash, new long[0])))));
        return found;
    }

    /** The histograms of the given shapes over the periods from {@code since}, summed bucket by bucket. */
    @Override
    public dev.tollgate.platform.domain.Page<ObservedShape> observed(UUID projectId, Instant since, String hash,
                                                                   dev.tollgate.platform.domain.PageRequest page) {
        Connection connection = jdbc.getConnection();
        List<Object[]> rows = new ArrayList<>();
        long total;
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT query_hash, max(query_pattern), max(query_kind), sum(calls), sum(latency_micros), sum(latency_squares),
                       sum(bytes_sent), min(first_seen), max(last_seen), count(*) OVER ()
                FROM proxy.query_shapes WHERE project_id = ? AND period >= ? AND query_hash <> '' AND (?::text IS NULL OR query_hash = ?)
                GROUP BY query_hash ORDER BY sum(calls) DESC, query_hash LIMIT ? OFFSET ?""")) {
            s.setObject(1, projectId);
            s.setTimestamp(2, Timestamp.from(since));
            s.setString(3, hash);
            s.setString(4, hash);
            s.setInt(5, page.limit());
            s.setInt(6, page.offset());
            total = 0;
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Object[] {r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getDouble(6),
                            r.getLong(7), r.getTimestamp(8).toInstant(), r.getTimestamp(9).toInstant()});
                    total = r.getLong(10);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the query shapes of project " + projectId, e);
        }
        if (rows.isEmpty()) {
            return new dev.tollgate.platform.domain.Page<>(List.of(), 0, page);
        }
        Map<String, long[]> histograms = histograms(projectId, since, rows.stream().map(r -> (String) r[0]).toArray(String[]::new));
        List<ObservedShape> found = rows.stream().map(r -> new ObservedShape((String) r[0], (String) r[1],
                dev.tollgate.proxy.domain.StatementKind.valueOf(((String) r[2]).toUpperCase(Locale.ROOT)), (Long) r[3], (Long) r[4],
                (Double) r[5], (Long) r[6], histograms.getOrDefault((String) r[0], new long[0]), (Instant) r[7], (Instant) r[8])).toList();
        return new dev.tollgate.platform.domain.Page<>(found, total, page);
    }

    private Map<String, long[]> histograms(UUID projectId, Instant since, String[] hashes) {
        Connection connection = jdbc.getConnection();
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT q.query_hash, h.i, sum(h.c) FROM proxy.query_shapes q, unnest(q.histogram) WITH ORDINALITY AS h(c, i)
                WHERE q.project_id = ? AND q.period >= ? AND q.query_hash = ANY(?) GROUP BY q.query_hash, h.i""")) {
            s.setObject(1, projectId);
            s.setTimestamp(2, Timestamp.from(since));
            s.setArray(3, connection.createArrayOf("text", hashes));
            Map<String, long[]> found = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.computeIfAbsent(r.getString(1), h -> new long[LatencyBuckets.COUNT])[bucket(r.getInt(2))] += r.getLong(3);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the latencies of project " + projectId + "'s query shapes", e);
        }
    }

    @Override
    public Totals totals(UUID projectId, Instant since) {
        Connection connection = jdbc.getConnection();
        long calls;
        long latency;
        long hits;
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT coalesce(sum(calls), 0), coalesce(sum(latency_micros), 0), coalesce(sum(cache_hits), 0) FROM proxy.query_shapes
                WHERE project_id = ? AND period >= ?""")) {
            s.setObject(1, projectId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                calls = r.getLong(1);
                latency = r.getLong(2);
                hits = r.getLong(3);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the query totals of project " + projectId, e);
        }
        long[] histogram = new long[LatencyBuckets.COUNT];
        try (PreparedStatement s = connection.prepareStatement("""
                SELECT h.i, sum(h.c) FROM proxy.query_shapes q, unnest(q.histogram) WITH ORDINALITY AS h(c, i)
                WHERE q.project_id = ? AND q.period >= ? GROUP BY h.i""")) {
            s.setObject(1, projectId);
            s.setTimestamp(2, Timestamp.from(since));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    histogram[bucket(r.getInt(1))] += r.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the latencies of project " + projectId, e);
        }
        return new Totals(calls, hits, latency, histogram);
    }

    /** SQL's ordinality counts from 1; a row written with more buckets than this node knows counts in the last. */
    private static int bucket(int ordinality) {
        return Math.min(LatencyBuckets.COUNT, Math.max(1, ordinality)) - 1;
    }

    @Override
    public int deleteBefore(Instant cutoff) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("DELETE FROM proxy.query_shapes WHERE period < ?")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not delete query shape figures before " + cutoff, e);
        }
    }
}

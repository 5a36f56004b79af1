package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.proxy.domain.MetricsSnapshot;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one project's clients were served on this node since the last metrics snapshot (ADR 0053), counted on the
 * query path without locks or allocation: adders that only grow (reported as differences, as {@link UsageCounters}
 * does) and an HdrHistogram {@link Recorder} of end-to-end latencies (wait-free recording from every event loop; each
 * snapshot swaps in a fresh interval histogram, recycling the previous one).
 */
public final class SnapshotCounters {
    /** Latencies are recorded in microseconds, up to an hour (longer ones count as an hour), to 2 significant digits. */
    static final long MAX_MICROS = 3_600_000_000L;

    private final UUID projectId;
    private final LongAdder queries = new LongAdder();
    /** Of the queries, those answered from the result cache (ADR 0059); the others went upstream: the misses. */
    private final LongAdder cacheHits = new LongAdder();
    private long reportedCacheHits;
    private final LongAdder answered = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final LongAdder queryNanos = new LongAdder();
    private final LongAdder acquisitions = new LongAdder();
    private final LongAdder connectNanos = new LongAdder();
    private final Recorder latencies = new Recorder(1, MAX_MICROS, 2);
    private Histogram interval;
    private long reportedQueries;
    private long reportedAnswered;
    private long reportedLatencyNanos;
    private long reportedQueryNanos;
    private long reportedAcquisitions;
    private long reportedConnectNanos;
    private int lastActive;

    public SnapshotCounters(UUID projectId) {
        this.projectId = projectId;
    }

    public UUID projectId() {
        return projectId;
    }

    public void query() {
        queries.increment();
    }

    public void cacheHit() {
        cacheHits.increment();
    }

    /** A query's reply is complete: received from the client at {@code receivedNanos}, sent upstream at {@code sentNanos}. */
    public void answered(long receivedNanos, long sentNanos, long nowNanos) {
        long total = nowNanos - receivedNanos;
        answered.increment();
        latencyNanos.add(total);
        queryNanos.add(nowNanos - sentNanos);
        latencies.recordValue(Math.max(1, Math.min(MAX_MICROS, total / 1000)));
    }

    /** A server connection was taken from the pool after {@code waitNanos} (0 when one was idle). */
    public void acquired(long waitNanos) {
        acquisitions.increment();
        connectNanos.add(waitNanos);
    }

    /**
     * The figures since the previous snapshot, booked to the minute {@code at} falls in, with {@code active} client
     * connections open now; null when there is nothing to tell (no traffic, no connections now or at the last snapshot:
     * a project whose last client left gets one more snapshot saying 0).
     */
    synchronized MetricsSnapshot take(String id, Instant at, int active) {
        long q = queries.sum();
        long hits = cacheHits.sum();
        long a = answered.sum();
        long lat = latencyNanos.sum();
        long exec = queryNanos.sum();
        long acq = acquisitions.sum();
        long conn = connectNanos.sum();
        interval = latencies.getIntervalHistogram(interval);
        if (q == reportedQueries && a == reportedAnswered && acq == reportedAcquisitions && active == 0 && lastActive == 0) {
            return null;
        }
        long latencyMicros = (lat - reportedLatencyNanos) / 1000;
        long queryMicros = (exec - reportedQueryNanos) / 1000;
        long connectMicros = (conn - reportedConnectNanos) / 1000;
        MetricsSnapshot snapshot = MetricsSnapshot.counted(id, projectId, null, at, q - reportedQueries, hits - reportedCacheHits, active, a - reportedAnswered,
                latencyMicros, queryMicros, interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99.0),
                acq - reportedAcquisitions, connectMicros);
        reportedQueries = q;
        reportedCacheHits = hits;
        reportedAnswered = a;
        reportedLatencyNanos += latencyMicros * 1000; // sub-microsecond remainders stay for the next snapshot
        reportedQueryNanos += queryMicros * 1000;
        reportedAcquisitions = acq;
        reportedConnectNanos += connectMicros * 1000;
        lastActive = active;
        return snapshot;
    }
}

package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.proxy.domain.LatencyBuckets;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.proxy.domain.ShapeStats;
import dev.tollgate.proxy.domain.StatementKind;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one query shape of a project was served on this node since the last flush (ADR 0057), recorded from any event
 * loop without locks or allocation: adders, a fixed {@link LatencyBuckets} histogram of atomic counters, and the first
 * and last time a call completed. A flush takes the figures and resets them; a call recorded while a flush runs may
 * have its parts split between two flushes, which only matters within one flush: the sums over time stay exact.
 */
public final class ShapeCounters {
    private final String hash;
    private final String pattern;
    private final StatementKind kind;
    private final LongAdder calls = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder latencyMicros = new LongAdder();
    private final DoubleAdder latencySquares = new DoubleAdder();
    private final LongAdder rows = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final AtomicLongArray histogram = new AtomicLongArray(LatencyBuckets.COUNT);
    private final AtomicLong firstNanos = new AtomicLong();
    private volatile long lastNanos;

    ShapeCounters(QueryShape shape) {
        this(shape.id(), shape.text(), shape.kind());
    }

    private ShapeCounters(String hash, String pattern, StatementKind kind) {
        this.hash = hash;
        this.pattern = pattern;
        this.kind = kind;
    }

    /** The counters of a project's statements whose shapes are beyond its bound: counted, not told apart. */
    static ShapeCounters untracked() {
        return new ShapeCounters(ShapeStats.UNTRACKED, "", StatementKind.WRITE);
    }

    String hash() {
        return hash;
    }

    /** A call completed at {@code nowNanos} after {@code latencyNanos}, with {@code rowCount} rows and {@code byteCount} reply bytes. */
    public void record(long latencyNanos, long rowCount, long byteCount, long nowNanos) {
        long micros = Math.max(0, latencyNanos / 1000);
        calls.increment();
        latencyMicros.add(micros);
        double ms = micros / 1000.0;
        latencySquares.add(ms * ms);
        if (rowCount != 0) {
            rows.add(rowCount);
        }
        bytes.add(byteCount);
        histogram.incrementAndGet(LatencyBuckets.indexOf(micros));
        if (firstNanos.get() == 0) {
            firstNanos.compareAndSet(0, nowNanos);
        }
        lastNanos = nowNanos;
    }

    /** A call answered from the result cache (ADR 0059), recorded like any other and counted as a hit. */
    public void recordHit(long latencyNanos, long rowCount, long byteCount, long nowNanos) {
        cacheHits.increment();
        record(latencyNanos, rowCount, byteCount, nowNanos);
    }

    /**
     * The figures since the last flush, booked to the period {@code at} falls in ({@code atNanos} is {@code at} on the
     * {@code System.nanoTime()} scale, to place first and last seen); null when there was no call.
     */
    synchronized ShapeStats take(UUID projectId, Instant at, long atNanos) {
        long n = calls.sumThenReset();
        if (n == 0) {
            return null;
        }
        long[] buckets = new long[LatencyBuckets.COUNT];
        for (int i = 0; i < buckets.length; i++) {
            if (histogram.get(i) != 0) {
                buckets[i] = histogram.getAndSet(i, 0);
            }
        }
        long first = firstNanos.getAndSet(0);
        Instant lastSeen = at.minusNanos(Math.max(0, atNanos - lastNanos));
        Instant firstSeen = first == 0 ? lastSeen : at.minusNanos(Math.max(0, atNanos - first));
        return new ShapeStats(projectId, null, ShapeStats.periodOf(at), hash, pattern, kind, n, cacheHits.sumThenReset(), latencyMicros.sumThenReset(),
                latencySquares.sumThenReset(), rows.sumThenReset(), bytes.sumThenReset(), LatencyBuckets.trimmed(buckets),
                firstSeen, lastSeen);
    }
}

package dev.tollgate.proxy.domain;

import java.util.List;

/**
 * PgBeam's ProjectInsights, computed from the stored shape figures of a range (ADR 0057): the most called shapes, and
 * the project's totals over all its statements (untracked shapes included). Hits are the calls answered from the
 * result cache (ADR 0059); every other call went upstream and is a miss.
 */
public record ProjectInsights(List<Shape> queries, long totalCalls, long totalCacheHits, double avgLatencyMs, double p99LatencyMs) {

    /** One shape over the range: its calls, those answered from the cache, average and p99 latency. */
    public record Shape(String hash, String pattern, long calls, long cacheHits, double avgLatencyMs, double p99LatencyMs) {
        public long cacheMisses() {
            return calls - cacheHits;
        }
    }

    /** One shape's figures over a range, as stored. */
    public record ShapeTotals(String hash, String pattern, Totals totals) {
        public Shape shape() {
            return new Shape(hash, pattern, totals.calls(), totals.cacheHits(), totals.avgMs(), totals.p99Ms());
        }
    }

    /** The figures of a range summed: calls, cache hits, latency sum (µs) and histogram. */
    public record Totals(long calls, long cacheHits, long latencyMicros, long[] histogram) {
        public double avgMs() {
            return calls == 0 ? 0 : latencyMicros / 1000.0 / calls;
        }

        public double p99Ms() {
            return LatencyBuckets.valueAt(histogram, 99.0) / 1000.0;
        }
    }
}

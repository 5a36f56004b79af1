package dev.tollgate.proxy.domain;

import java.time.Instant;

/**
 * A query shape as the data plane observed it over a range (ADR 0057): what PgBeam's cache rules show of it, and what
 * their recommendation weighs (ADR 0061).
 *
 * @param latencySquares the squared latencies in milliseconds, summed (their spread)
 */
public record ObservedShape(String hash, String pattern, StatementKind kind, long calls, long latencyMicros, double latencySquares,
                            long bytes, long[] histogram, Instant firstSeen, Instant lastSeen) {

    public double avgMs() {
        return calls == 0 ? 0 : latencyMicros / 1000.0 / calls;
    }

    public double p95Ms() {
        return LatencyBuckets.valueAt(histogram, 95.0) / 1000.0;
    }

    public long avgBytes() {
        return calls == 0 ? 0 : bytes / calls;
    }

    /**
     * How steady its latency is, 0 to 1: 1 / (1 + coefficient of variation). A shape whose latency jumps around (its
     * results or plans vary) gains least from a cached answer.
     */
    public double stability() {
        if (calls < 2 || avgMs() == 0) {
            return 1.0;
        }
        double mean = avgMs();
        double variance = Math.max(0, latencySquares / calls - mean * mean);
        return 1.0 / (1.0 + Math.sqrt(variance) / mean);
    }

    /**
     * PgBeam's recommendation: only reads are worth caching; the more often, the slower and the steadier, the better.
     * Calls per day and average milliseconds each score 0 to 2, stability scales the sum.
     */
    public String recommendation(double days) {
        if (kind != StatementKind.READ || calls == 0) {
            return "poor";
        }
        double perDay = calls / Math.max(days, 1.0 / 24);
        int frequency = perDay >= 10_000 ? 2 : perDay >= 100 ? 1 : 0;
        int cost = avgMs() >= 10 ? 2 : avgMs() >= 1 ? 1 : 0;
        double score = (frequency + cost) * stability();
        return score >= 3 ? "great" : score >= 2 ? "good" : score >= 1 ? "fair" : "poor";
    }
}

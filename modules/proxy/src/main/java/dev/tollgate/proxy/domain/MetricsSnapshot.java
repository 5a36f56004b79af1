package dev.tollgate.proxy.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What the data plane served for one project in one region during one minute (PgBeam's MetricsSnapshot). It keeps
 * sums and sample counts rather than averages so that the flushes of one minute, and the nodes of one region, add up
 * exactly; only the p99 cannot be added and is the largest one reported for the minute (ADR 0053).
 *
 * <p>{@code cacheHits} are the queries answered from the result cache (ADR 0059); every other query went upstream and
 * is a miss: {@code cacheMisses} is {@code queries - cacheHits}.
 *
 * @param answered       queries whose reply completed: the samples of both latencies
 * @param latencyMicros  end to end, summed: the query received from the client until its reply was complete
 * @param queryMicros    upstream execution, summed: the query sent to the server until its reply was complete
 * @param acquisitions   server connections taken from the pool (each client transaction in transaction mode)
 * @param connectMicros  summed time waiting for them (0 when one was idle)
 * @param createdAt      when the latest flush that added to this minute was recorded
 */
public record MetricsSnapshot(String id, UUID projectId, String region, Instant minute, long queries, long cacheHits,
                              long cacheMisses, int activeConnections, long answered, long latencyMicros, long queryMicros,
                              long p99LatencyMicros, long acquisitions, long connectMicros, Instant createdAt) {

    /** One flush's figures for a project, booked to the minute {@code at} falls in. */
    public static MetricsSnapshot counted(String id, UUID projectId, String region, Instant at, long queries, int activeConnections,
                                          long answered, long latencyMicros, long queryMicros, long p99LatencyMicros,
                                          long acquisitions, long connectMicros) {
        return counted(id, projectId, region, at, queries, 0, activeConnections, answered, latencyMicros, queryMicros, p99LatencyMicros,
                acquisitions, connectMicros);
    }

    /** One flush's figures, {@code cacheHits} of the {@code queries} answered from the result cache. */
    public static MetricsSnapshot counted(String id, UUID projectId, String region, Instant at, long queries, long cacheHits,
                                          int activeConnections, long answered, long latencyMicros, long queryMicros,
                                          long p99LatencyMicros, long acquisitions, long connectMicros) {
        return new MetricsSnapshot(id, projectId, region, at.truncatedTo(ChronoUnit.MINUTES), queries, cacheHits, queries - cacheHits,
                activeConnections,
                answered, latencyMicros, queryMicros, p99LatencyMicros, acquisitions, connectMicros, at);
    }

    /** The same figures as served in {@code region} (the data plane counts them; the control plane knows its region). */
    public MetricsSnapshot inRegion(String region) {
        return new MetricsSnapshot(id, projectId, region, minute, queries, cacheHits, cacheMisses, activeConnections, answered,
                latencyMicros, queryMicros, p99LatencyMicros, acquisitions, connectMicros, createdAt);
    }

    public double avgLatencyMs() {
        return average(latencyMicros, answered);
    }

    public double avgQueryMs() {
        return average(queryMicros, answered);
    }

    public double avgConnectMs() {
        return average(connectMicros, acquisitions);
    }

    public double p99LatencyMs() {
        return p99LatencyMicros / 1000.0;
    }

    private static double average(long micros, long samples) {
        return samples == 0 ? 0 : micros / 1000.0 / samples;
    }
}

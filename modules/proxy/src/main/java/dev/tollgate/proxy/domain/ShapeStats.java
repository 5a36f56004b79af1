package dev.tollgate.proxy.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What one node counted for one query shape of a project during one flush, booked to the {@link #PERIOD} the flush
 * falls in (ADR 0057). Counts, sums and the latency histogram add up across flushes and nodes; first and last seen
 * take the earlier and the later. The shape with an empty {@code hash} is the project's untracked statements: those of
 * shapes beyond the tier's {@code max_query_shapes}, counted so that the project's totals stay whole.
 *
 * @param calls          statements whose reply completed (a simple Query with several statements is one call)
 * @param cacheHits      of the calls, those answered from the result cache (ADR 0059)
 * @param latencyMicros  end to end, summed: read from the client until the reply was complete
 * @param latencySquares the squares of the latencies in milliseconds, summed: their spread (stability) without storing each
 * @param rows           rows the statements returned or affected (CommandComplete's count)
 * @param bytes          bytes of the replies sent to the client
 * @param histogram      the latencies in {@link LatencyBuckets}, trailing empty buckets left off
 */
public record ShapeStats(UUID projectId, String region, Instant period, String hash, String pattern, StatementKind kind, long calls,
                         long cacheHits, long latencyMicros, double latencySquares, long rows, long bytes, long[] histogram, Instant firstSeen,
                         Instant lastSeen) {
    /** How finely a shape's figures are kept in time: the ranges of GetProjectInsights are read to this precision. */
    public static final Duration PERIOD = Duration.ofMinutes(5);
    /** The hash of the row that counts a project's untracked statements (shapes beyond the tier's bound). */
    public static final String UNTRACKED = "";
    /** PgBeam's {@code query_pattern} is "truncated to 500 chars". */
    public static final int MAX_PATTERN = 500;

    public ShapeStats {
        pattern = pattern.length() > MAX_PATTERN ? pattern.substring(0, MAX_PATTERN) : pattern;
    }

    /** The start of the period {@code at} falls in. */
    public static Instant periodOf(Instant at) {
        long seconds = PERIOD.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** The same figures as served in {@code region} (the data plane counts them; the control plane knows its region). */
    public ShapeStats inRegion(String region) {
        return new ShapeStats(projectId, region, period, hash, pattern, kind, calls, cacheHits, latencyMicros, latencySquares, rows, bytes,
                histogram, firstSeen, lastSeen);
    }

    public boolean untracked() {
        return hash.isEmpty();
    }
}

package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import java.util.Map;

/** What GetProjectInsights reads: the last {@code range} of a project's shapes, the {@code limit} most called. */
public record InsightsSelection(Duration range, int limit) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Map<String, Duration> RANGES = Map.of("1h", Duration.ofHours(1), "6h", Duration.ofHours(6),
            "24h", Duration.ofHours(24), "7d", Duration.ofDays(7));

    /** PgBeam's {@code range} (1h, 6h, 24h or 7d; default 24h) and {@code limit} (1–100, default 20). */
    public static InsightsSelection parse(String range, String limit) {
        Duration r = RANGES.get("24h");
        if (range != null) {
            r = RANGES.get(range);
            if (r == null) {
                throw new ValidationException("range", "must be one of 1h, 6h, 24h, 7d");
            }
        }
        int n = Limits.count("limit", limit, MAX_LIMIT, DEFAULT_LIMIT);
        return new InsightsSelection(r, n);
    }
}

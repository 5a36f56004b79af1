package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;

/** Which of a project's metrics snapshots GetProjectMetrics returns: the newest {@code limit}, in one region or all. */
public record MetricsSelection(int limit, String region) {
    public static final int DEFAULT_LIMIT = 60;
    public static final int MAX_LIMIT = 1000;

    /** PgBeam's {@code limit} (1–1000, default 60) and optional {@code region} (a region id, e.g. {@code us-east-1}). */
    public static MetricsSelection parse(String limit, String region) {
        int n = Limits.count("limit", limit, MAX_LIMIT, DEFAULT_LIMIT);
        if (region != null && region.isBlank()) {
            throw new ValidationException("region", "must be a region id (e.g. us-east-1) when given");
        }
        return new MetricsSelection(n, region);
    }
}

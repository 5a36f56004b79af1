package dev.tollgate.proxy.domain;

import java.time.LocalDate;

/** One UTC day of proxy usage, for an organization ({@code region} null) or one project in one region. */
public record DailyUsage(LocalDate day, String region, long queries, long cacheHits, long cacheMisses, long connectionSeconds,
                         long bytesTransferred) {

    public static DailyUsage none(LocalDate day, String region) {
        return new DailyUsage(day, region, 0, 0, 0, 0, 0);
    }
}

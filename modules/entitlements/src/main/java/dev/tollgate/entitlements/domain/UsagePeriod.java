package dev.tollgate.entitlements.domain;

import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A recurring period: boundaries at {@code anchor + k × interval} for every whole k, counted from the anchor so
 * months never drift. {@code interval} is DAY, WEEK, MONTH, YEAR or any ISO-8601 duration of at least an hour.
 */
public record UsagePeriod(IsoDuration interval, Instant anchor) {
    private static final Map<String, String> NAMED = Map.of("DAY", "P1D", "WEEK", "P1W", "MONTH", "P1M", "YEAR", "P1Y");

    /** Reads {@code {interval, anchor?}}; the anchor defaults to {@code now}. Both are truncated to the minute. */
    public static UsagePeriod read(DocumentReader r, Map<String, Object> doc, String path, Instant now) {
        String text = r.text(doc, path, "interval", true, 40);
        IsoDuration interval = null;
        if (text != null) {
            interval = IsoDuration.parse(NAMED.getOrDefault(text, text)).orElse(null);
            if (interval == null) {
                r.fail(DocumentReader.at(path, "interval"), "invalid_interval", "must be DAY, WEEK, MONTH, YEAR or an ISO-8601 duration such as P1M");
            } else if (!interval.atLeastAnHour()) {
                r.fail(DocumentReader.at(path, "interval"), "usage_period_too_short", "a usage period must be at least one hour");
                interval = null;
            }
        }
        Instant anchor = r.time(doc, path, "anchor", false);
        return new UsagePeriod(interval, (anchor == null ? now : anchor).truncatedTo(ChronoUnit.MINUTES));
    }

    /** OpenMeter's {@code interval}: the enum name when the duration is one, else the ISO text. */
    public String intervalName() {
        for (Map.Entry<String, String> named : NAMED.entrySet()) {
            if (named.getValue().equals(interval.text())) {
                return named.getKey();
            }
        }
        return interval.text();
    }

    public UsagePeriod withAnchor(Instant newAnchor) {
        return new UsagePeriod(interval, newAnchor);
    }

    /** The last boundary at or before {@code t}. */
    public Instant startOf(Instant t) {
        return boundary(index(t));
    }

    /** The first boundary strictly after {@code t}. */
    public Instant nextAfter(Instant t) {
        return boundary(index(t) + 1);
    }

    Instant boundary(long k) {
        return interval.boundary(ZonedDateTime.ofInstant(anchor, ZoneOffset.UTC), k).toInstant();
    }

    /** The k whose boundary is the last one at or before {@code t}: estimated from the average length, then exact. */
    private long index(Instant t) {
        double average = interval.months() * 30.436875 * 86_400 + interval.seconds();
        long k = (long) Math.floor((t.getEpochSecond() - anchor.getEpochSecond()) / average);
        while (boundary(k).isAfter(t)) {
            k--;
        }
        while (!boundary(k + 1).isAfter(t)) {
            k++;
        }
        return k;
    }
}

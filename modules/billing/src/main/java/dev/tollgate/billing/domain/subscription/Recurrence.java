package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Billing periods of a cadence counted from an origin (the billing anchor as given). Every boundary is counted from the
 * origin itself ({@link IsoDuration#boundary}), so an anchor on January 31st gives February 28th, March 31st, April
 * 30th: month ends never drift to the 28th.
 */
public record Recurrence(IsoDuration cadence, Instant origin) {
    public Recurrence {
        if (cadence.months() <= 0 && cadence.seconds() <= 0) {
            throw new IllegalArgumentException("a recurrence needs a positive cadence, not " + cadence.text());
        }
    }

    /** The period {@code [boundary n, boundary n+1)} that contains {@code t}. */
    public Period periodAt(Instant t) {
        long n = estimate(t);
        while (boundary(n).isAfter(t)) {
            n--;
        }
        while (!boundary(n + 1).isAfter(t)) {
            n++;
        }
        return new Period(boundary(n), boundary(n + 1));
    }

    /** The latest boundary at or before {@code t}: OpenMeter's "normalised billing anchor" for a start at {@code t}. */
    public Instant atOrBefore(Instant t) {
        return periodAt(t).from();
    }

    public boolean isBoundary(Instant t) {
        return periodAt(t).from().equals(t);
    }

    private Instant boundary(long n) {
        return cadence.boundary(origin.atZone(ZoneOffset.UTC), n).toInstant();
    }

    /** A close guess of the index, corrected by {@link #periodAt}'s loops (at most a step or two for calendar cadences). */
    private long estimate(Instant t) {
        ZonedDateTime from = origin.atZone(ZoneOffset.UTC);
        ZonedDateTime to = t.atZone(ZoneOffset.UTC);
        if (cadence.seconds() == 0) {
            return Math.floorDiv(ChronoUnit.MONTHS.between(from, to), cadence.months());
        }
        double length = cadence.months() * 30.436875 * 86400 + cadence.seconds();
        return (long) Math.floor(ChronoUnit.SECONDS.between(from, to) / length);
    }
}

package dev.tollgate.billing.domain.subscription;

import java.time.Instant;

/** A half-open stretch of time {@code [from, to)}; {@code to} null means it never ends. */
public record Period(Instant from, Instant to) {
    public boolean contains(Instant t) {
        return !t.isBefore(from) && (to == null || t.isBefore(to));
    }

    /**
     * This period with both ends cut to the whole second: how invoice lines hold their service periods (OpenMeter
     * truncates them), so a line made in the same second a subscription started is still in the subscription's period.
     */
    public Period inWholeSeconds() {
        return new Period(from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                to == null ? null : to.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** This period cut to {@code [from, to)} of the other; the other's null end cuts nothing. */
    public Period clippedTo(Instant otherFrom, Instant otherTo) {
        Instant f = from.isBefore(otherFrom) ? otherFrom : from;
        Instant t = to == null ? otherTo : otherTo == null || to.isBefore(otherTo) ? to : otherTo;
        return new Period(f, t);
    }
}

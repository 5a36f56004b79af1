package dev.tollgate.billing.domain.invoice;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A line's service period, start inclusive and end exclusive, at second resolution as meters count (digest 003b §3.3).
 */
public record LinePeriod(Instant from, Instant to) {
    public LinePeriod {
        if (from == null || to == null) {
            throw new ValidationException("period", "needs both from and to");
        }
        from = from.truncatedTo(ChronoUnit.SECONDS);
        to = to.truncatedTo(ChronoUnit.SECONDS);
        if (!from.isBefore(to)) {
            throw new ValidationException("period", "must end after it starts, at least one second later (invoice_create_ubp_line_period_is_empty)");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** Whether {@code at} falls strictly inside, so the period can be split there into two non-empty parts. */
    public boolean splittableAt(Instant at) {
        return from.isBefore(at) && at.isBefore(to);
    }
}

package dev.tollgate.billing.domain.usage;

import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.platform.domain.ValidationException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of a usage history between two UTC dates, both inclusive: one per day, ISO week or calendar month, the
 * first and last cut to the range. A history spans at most {@value #MAX_DAYS} days.
 */
public final class UsageWindows {
    public static final int MAX_DAYS = 366;

    private UsageWindows() {
    }

    public static List<Period> of(LocalDate first, LocalDate last, Granularity granularity) {
        if (last.isBefore(first)) {
            throw new ValidationException("endDate", "must not be before startDate");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw new ValidationException("startDate", "a history spans at most " + MAX_DAYS + " days");
        }
        List<Period> windows = new ArrayList<>();
        LocalDate end = last.plusDays(1);
        for (LocalDate from = first; from.isBefore(end); ) {
            LocalDate next = switch (granularity) {
                case DAY -> from.plusDays(1);
                case WEEK -> from.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
                case MONTH -> from.withDayOfMonth(1).plusMonths(1);
            };
            LocalDate to = next.isAfter(end) ? end : next;
            windows.add(new Period(from.atStartOfDay(ZoneOffset.UTC).toInstant(), to.atStartOfDay(ZoneOffset.UTC).toInstant()));
            from = to;
        }
        return windows;
    }
}

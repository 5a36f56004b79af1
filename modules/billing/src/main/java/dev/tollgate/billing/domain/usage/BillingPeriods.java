package dev.tollgate.billing.domain.usage;

import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A workspace's billing periods, from its organization's tier subscriptions in the system namespace (ADR 0034): the
 * cadence counted from the billing anchor, which a tier change keeps. A period belongs to the workspace while some
 * subscription of it ran during the period and the period has begun.
 */
public final class BillingPeriods {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private final List<Subscription> subscriptions;

    /** {@code subscriptions}: the customer's, deleted ones (dropped before they started) left out. */
    public BillingPeriods(List<Subscription> subscriptions) {
        this.subscriptions = subscriptions.stream().filter(s -> s.deletedAt() == null)
                .sorted(Comparator.comparing(Subscription::activeFrom)).toList();
    }

    /** A billing period's name, {@code YYYY-MM} (e.g. 2026-01): the UTC month it begins in. */
    public static YearMonth month(String name) {
        try {
            if (name != null && MONTH.matcher(name).matches()) {
                return YearMonth.parse(name);
            }
        } catch (DateTimeParseException e) {
            // a month that does not exist, such as 2026-13: refused below like any other malformed name
        }
        throw new ValidationException("billingPeriod", "must be a month as YYYY-MM, e.g. 2026-01");
    }

    /** The billing period running at {@code now}; empty when no subscription runs then. */
    public Optional<Period> at(Instant now) {
        return runningAt(now).map(s -> s.recurrence().periodAt(now));
    }

    /** The billing period that begins in {@code month} (UTC); empty when the workspace had none then or it has not begun. */
    public Optional<Period> beginningIn(YearMonth month, Instant now) {
        Instant monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthEnd = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (Subscription s : subscriptions) {
            Period p = s.recurrence().periodAt(monthStart);
            if (p.from().isBefore(monthStart)) {
                p = s.recurrence().periodAt(p.to());
            }
            if (p.from().isBefore(monthEnd) && !p.from().isAfter(now) && ran(s, p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private Optional<Subscription> runningAt(Instant t) {
        return subscriptions.stream().filter(s -> !s.activeFrom().isAfter(t) && (s.activeTo() == null || s.activeTo().isAfter(t)))
                .reduce((earlier, later) -> later);
    }

    private static boolean ran(Subscription s, Period p) {
        return s.activeFrom().isBefore(p.to()) && (s.activeTo() == null || s.activeTo().isAfter(p.from()));
    }
}

package dev.tollgate.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.billing.domain.subscription.Period;
import dev.tollgate.billing.domain.subscription.PlanReference;
import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.platform.domain.IsoDuration;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BillingPeriodsTest {
    static final Instant ANCHOR = Instant.parse("2026-01-31T10:00:00Z");

    static Subscription monthly(Instant from, Instant anchor) {
        PlanTerms terms = new PlanTerms(new PlanReference(UUID.randomUUID(), "pro", 1), "Pro", null, null, "USD",
                IsoDuration.parse("P1M").orElseThrow(), true, List.of(new PlanTerms.Phase("main", "Main", null, null, null, List.of())));
        return Subscription.start(UUID.randomUUID(), "cus", terms, null, from, anchor, null, null, null, from);
    }

    static Period period(String from, String to) {
        return new Period(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void periodsAreCountedFromTheAnchorThatATierChangeKeeps() {
        Instant upgrade = Instant.parse("2026-02-10T00:00:00Z");
        Subscription starter = monthly(ANCHOR, null).canceledAt(upgrade, upgrade);
        Subscription pro = monthly(upgrade, ANCHOR);
        BillingPeriods periods = new BillingPeriods(List.of(pro, starter));
        Instant now = Instant.parse("2026-03-05T00:00:00Z");
        assertEquals(period("2026-02-28T10:00:00Z", "2026-03-31T10:00:00Z"), periods.at(now).orElseThrow(), "month ends do not drift");
        assertEquals(period("2026-01-31T10:00:00Z", "2026-02-28T10:00:00Z"), periods.beginningIn(YearMonth.of(2026, 1), now).orElseThrow(),
                "the first period, cut short by nothing: the upgrade kept the anchor");
        assertEquals(period("2026-02-28T10:00:00Z", "2026-03-31T10:00:00Z"), periods.beginningIn(YearMonth.of(2026, 2), now).orElseThrow());
        assertTrue(periods.beginningIn(YearMonth.of(2025, 12), now).isEmpty(), "before the workspace existed");
        assertTrue(periods.beginningIn(YearMonth.of(2026, 3), now).isEmpty(), "begins on March 31st: not yet");
        assertTrue(periods.beginningIn(YearMonth.of(2026, 3), Instant.parse("2026-04-01T00:00:00Z")).isPresent());
        assertTrue(new BillingPeriods(List.of()).at(now).isEmpty());
    }

    @Test
    void aPeriodIsNamedByItsMonth() {
        assertEquals(YearMonth.of(2026, 1), BillingPeriods.month("2026-01"));
        for (String bad : new String[] {"2026-13", "2026-1", "2026-01-01", "january", ""}) {
            assertThrows(ValidationException.class, () -> BillingPeriods.month(bad), bad);
        }
    }
}

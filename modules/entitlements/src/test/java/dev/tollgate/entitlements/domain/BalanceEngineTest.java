package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.platform.domain.IsoDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** OpenMeter's burn-down, case by case (digest 003a §3.8-3.9 and §4.2), against usage events placed in time. */
class BalanceEngineTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final TreeMap<Instant, BigDecimal> events = new TreeMap<>();
    final List<ResetRecord> resets = new ArrayList<>();
    int created;

    static Instant at(String offset) {
        return T0.plus(java.time.Duration.parse(offset));
    }

    void use(String offset, long amount) {
        events.merge(at(offset), BigDecimal.valueOf(amount), BigDecimal::add);
    }

    BigDecimal usage(Instant from, Instant to) {
        return events.subMap(from, true, to, false).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    Entitlement entitlement(String interval, boolean preserveOverage) {
        return new Entitlement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "acme", "acme", UUID.randomUUID(), "calls",
                EntitlementType.METERED, null, null, T0, null, false, null, 1, preserveOverage,
                new UsagePeriod(IsoDuration.parse(interval).orElseThrow(), T0), T0, null, T0, T0, null);
    }

    Grant grant(Entitlement e, long amount, int priority, String effective, Instant expires, long min, long max, String recurrence) {
        Instant effectiveAt = at(effective);
        return new Grant(new UUID(0, ++created), e.namespace(), e.id(), BigDecimal.valueOf(amount), priority, effectiveAt, null, null, expires,
                BigDecimal.valueOf(max), BigDecimal.valueOf(min),
                recurrence == null ? null : new UsagePeriod(IsoDuration.parse(recurrence).orElseThrow(), effectiveAt), null, null,
                T0.plusSeconds(created), T0, null, null);
    }

    BalanceEngine.Result value(Entitlement e, List<Grant> grants, String offset) {
        return new BalanceEngine(e, grants, new Timeline(e, resets), this::usage, false).valueAt(at(offset));
    }

    static void assertValue(long balance, long usage, long overage, BalanceEngine.Result r) {
        assertEquals(BigDecimal.valueOf(balance), r.balance().stripTrailingZeros().setScale(0), "balance");
        assertEquals(BigDecimal.valueOf(usage), r.usage().setScale(0), "usage");
        assertEquals(BigDecimal.valueOf(overage), r.overage().setScale(0), "overage");
    }

    @Test
    void usageBurnsTheGrant() {
        Entitlement e = entitlement("P1M", false);
        use("PT1H", 60);
        assertValue(40, 60, 0, value(e, List.of(grant(e, 100, 1, "PT0S", null, 0, 100, null)), "PT2H"));
    }

    @Test
    void lowerPriorityNumbersBurnFirstThenEarlierExpiry() {
        Entitlement e = entitlement("P1M", false);
        Grant low = grant(e, 100, 5, "PT0S", null, 0, 100, null);
        Grant urgent = grant(e, 50, 1, "PT0S", null, 0, 50, null);
        Grant expiresLater = grant(e, 30, 1, "PT0S", at("P20D"), 0, 30, null);
        Grant expiresSooner = grant(e, 30, 1, "PT0S", at("P10D"), 0, 30, null);
        use("PT1H", 100);
        BalanceEngine.Result r = value(e, List.of(low, urgent, expiresLater, expiresSooner), "PT2H");
        // 100 = 30 (sooner expiry) + 30 (later expiry) + 40 of the 50 without expiry; priority 5 untouched.
        assertValue(10 + 100, 100, 0, r);
        Map<UUID, BigDecimal> end = r.phases().get(r.phases().size() - 1).balancesAtEnd();
        assertEquals(0, end.get(expiresSooner.id()).signum());
        assertEquals(0, end.get(expiresLater.id()).signum());
        assertEquals(BigDecimal.valueOf(10), end.get(urgent.id()));
    }

    @Test
    void overageIsADebtALaterGrantPaysAtOnce() {
        Entitlement e = entitlement("P1M", false);
        use("PT1H", 100);
        assertValue(0, 100, 20, value(e, List.of(grant(e, 80, 1, "PT0S", null, 0, 80, null)), "PT2H"));
        List<Grant> two = List.of(grant(e, 80, 1, "PT0S", null, 0, 80, null), grant(e, 50, 1, "PT3H", null, 0, 50, null));
        assertValue(30, 100, 0, value(e, two, "PT4H"));
        assertValue(30, 100, 0, value(e, two, "PT3H"), "a grant starting exactly now already pays the debt");
    }

    static void assertValue(long balance, long usage, long overage, BalanceEngine.Result r, String why) {
        assertValue(balance, usage, overage, r);
    }

    @Test
    void resetsRollOverByEachGrantsRule() {
        Entitlement e = entitlement("P1D", false);
        use("PT1H", 30);
        assertValue(0, 0, 0, value(e, List.of(grant(e, 100, 1, "PT0S", null, 0, 0, null)), "P1DT1H"), "v1 default: nothing rolls over");
        assertValue(70, 0, 0, value(e, List.of(grant(e, 100, 1, "PT0S", null, 0, 100, null)), "P1DT1H"), "v2 default: up to the amount");
        assertValue(100, 0, 0, value(e, List.of(grant(e, 100, 1, "PT0S", null, 100, 100, null)), "P1DT1H"), "issue after reset: refilled");
        use("P1DT2H", 5);
        assertValue(95, 5, 0, value(e, List.of(grant(e, 100, 1, "PT0S", null, 100, 100, null)), "P1DT3H"));
    }

    @Test
    void preservedOverageIsPaidFromTheNextPeriodsAllowance() {
        Entitlement forgiving = entitlement("P1D", false);
        Entitlement strict = entitlement("P1D", true);
        use("PT1H", 120);
        assertValue(100, 0, 0, value(forgiving, List.of(grant(forgiving, 100, 1, "PT0S", null, 100, 100, null)), "P1DT1H"));
        assertValue(80, 0, 0, value(strict, List.of(grant(strict, 100, 1, "PT0S", null, 100, 100, null)), "P1DT1H"));
    }

    @Test
    void aRecurringGrantIsRefilledAtEachRecurrence() {
        Entitlement e = entitlement("P1M", false);
        use("PT1H", 7);
        List<Grant> daily = List.of(grant(e, 10, 1, "PT0S", null, 0, 10, "P1D"));
        assertValue(3, 7, 0, value(e, daily, "PT2H"));
        assertValue(10, 7, 0, value(e, daily, "P1DT2H"), "refilled; the period's usage still counts");
    }

    @Test
    void voidingKeepsPastUsageAndDropsTheRest() {
        Entitlement e = entitlement("P1M", false);
        use("PT1H", 60);
        Grant g = grant(e, 100, 1, "PT0S", null, 0, 100, null);
        assertValue(40, 60, 0, value(e, List.of(g), "PT2H"));
        BalanceEngine.Result voided = value(e, List.of(g.voided(at("PT3H"), at("PT3H"))), "PT4H");
        assertValue(0, 60, 0, voided);
        assertEquals(BigDecimal.valueOf(60), voided.totalAvailableGrantAmount(), "the voided grant's burnt amount still counts");
    }

    @Test
    void aManualResetStartsAPeriodAndMayReanchorIt() {
        Entitlement e = entitlement("P1D", false);
        use("PT1H", 30);
        resets.add(new ResetRecord(UUID.randomUUID(), e.id(), at("PT12H"), false, null, at("PT12H")));
        List<Grant> issued = List.of(grant(e, 100, 1, "PT0S", null, 100, 100, null));
        use("PT13H", 10);
        assertValue(90, 10, 0, value(e, issued, "PT14H"));
        Timeline timeline = new Timeline(e, resets);
        assertEquals(at("PT12H"), timeline.periodStart(at("PT14H")));
        assertEquals(at("P1DT12H"), timeline.periodEnd(at("PT14H")), "re-anchored at the reset");
        resets.set(0, new ResetRecord(UUID.randomUUID(), e.id(), at("PT12H"), true, null, at("PT12H")));
        assertEquals(at("P1D"), new Timeline(e, resets).periodEnd(at("PT14H")), "anchor retained");
    }

    @Test
    void startingFromTheLastFreshResetGivesTheSameAsComputingFromTheBeginning() {
        Entitlement e = entitlement("P1D", false);
        for (int day = 0; day < 10; day++) {
            use("P" + day + "DT1H", 40 + day);
        }
        List<Grant> grants = List.of(grant(e, 100, 1, "PT0S", null, 100, 100, null), grant(e, 30, 2, "P3D", null, 0, 30, null));
        BalanceEngine.Result fast = value(e, grants, "P9DT5H");
        BalanceEngine.Result full = new BalanceEngine(e, grants, new Timeline(e, resets), this::usage, false)
                .history(T0, at("P9DT5H"), Set.of());
        assertEquals(full.balance(), fast.balance());
        assertEquals(full.usage(), fast.usage());
        assertEquals(full.overage(), fast.overage());
    }
}

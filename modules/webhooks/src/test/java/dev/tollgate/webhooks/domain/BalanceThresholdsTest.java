package dev.tollgate.webhooks.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.webhooks.domain.BalanceThresholds.Crossed;
import dev.tollgate.webhooks.domain.BalanceThresholds.Kind;
import dev.tollgate.webhooks.domain.NotificationRule.Threshold;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BalanceThresholdsTest {
    static final Threshold HALF = new Threshold(50, "usage_percentage");
    static final Threshold MOST = new Threshold(80, "usage_percentage");
    static final Threshold SEVENTY_USED = new Threshold(70, "usage_value");
    static final Threshold TEN_LEFT = new Threshold(10, "balance_value");
    static final Threshold FIVE_LEFT = new Threshold(5, "balance_value");
    static final Threshold NOTHING_LEFT = new Threshold(0, "balance_value");

    static List<Crossed> crossed(List<Threshold> thresholds, int balance, int usage, int overage) {
        return BalanceThresholds.crossed(thresholds, BigDecimal.valueOf(balance), BigDecimal.valueOf(usage), BigDecimal.valueOf(overage));
    }

    @Test
    void usageThresholdsAreCrossedWhenUsageExceedsThem() {
        List<Threshold> all = List.of(HALF, MOST, SEVENTY_USED);
        assertEquals(List.of(), crossed(all, 50, 50, 0), "exactly 50% is not past 50%");
        assertEquals(List.of(new Crossed(Kind.USAGE, HALF)), crossed(all, 40, 60, 0));
        assertEquals(List.of(new Crossed(Kind.USAGE, SEVENTY_USED)), crossed(all, 25, 75, 0), "75 used: 70 units (70%) beats 50%");
        assertEquals(List.of(new Crossed(Kind.USAGE, MOST)), crossed(all, 10, 90, 0), "the highest crossed, as an amount of usage");
    }

    @Test
    void percentagesAreOfEverythingGrantedIncludingWhatIsOver() {
        // 100 granted, 120 used: balance 0, overage 20 — granted = 0 + 120 - 20
        assertEquals(List.of(new Crossed(Kind.USAGE, MOST)), crossed(List.of(HALF, MOST), 0, 120, 20));
        assertTrue(crossed(List.of(HALF, MOST), 0, 0, 0).isEmpty(), "nothing granted, nothing over: not judged");
        assertTrue(crossed(List.of(HALF), 0, 30, 0).isEmpty(), "usage without grants and without overage: not judged");
    }

    @Test
    void balanceThresholdsAreCrossedWhenTheBalanceFallsBelowThem() {
        List<Threshold> all = List.of(TEN_LEFT, FIVE_LEFT, NOTHING_LEFT);
        assertEquals(List.of(), crossed(all, 10, 90, 0), "exactly 10 left is not below 10");
        assertEquals(List.of(new Crossed(Kind.BALANCE, TEN_LEFT)), crossed(all, 9, 91, 0));
        assertEquals(List.of(new Crossed(Kind.BALANCE, FIVE_LEFT)), crossed(all, 3, 97, 0), "the lowest crossed");
        assertEquals(List.of(new Crossed(Kind.BALANCE, NOTHING_LEFT)), crossed(all, 0, 100, 0), "zero is crossed at zero");
        assertTrue(crossed(all, 0, 0, 0).isEmpty(), "an entitlement that never had anything is not judged");
    }

    @Test
    void eachKindFiresOnItsOwn() {
        assertEquals(List.of(new Crossed(Kind.USAGE, MOST), new Crossed(Kind.BALANCE, TEN_LEFT)),
                crossed(List.of(HALF, MOST, TEN_LEFT), 5, 95, 0));
    }

    @Test
    void anEntitlementWithoutABalanceCrossesNothing() {
        assertTrue(BalanceThresholds.crossed(List.of(HALF, TEN_LEFT), null, null, null).isEmpty());
    }
}

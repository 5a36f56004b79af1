package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SpendCapTest {
    private static final Instant MAY = Instant.parse("2026-05-07T00:00:00Z");
    private static final Instant JUNE = Instant.parse("2026-06-07T00:00:00Z");

    @Test
    void reachedAtTheCapAndLiftedByRaisingOrRemovingIt() {
        SpendCap cap = SpendCap.NONE.withLimit(new BigDecimal("10")).withCharges(new BigDecimal("9.99"), "USD", MAY, JUNE);
        assertFalse(cap.reached());
        cap = cap.withCharges(new BigDecimal("10.00"), "USD", MAY, JUNE);
        assertTrue(cap.reached(), "charges equal to the cap reach it");
        assertFalse(cap.withLimit(new BigDecimal("20")).reached(), "raised");
        assertFalse(cap.withLimit(null).reached(), "removed");
        assertTrue(cap.withLimit(new BigDecimal("5")).reached(), "lowered below the charges");
    }

    @Test
    void overageOffIsACapOfZeroThatTheFirstChargeReaches() {
        SpendCap off = SpendCap.NONE.withOverage(false, MAY);
        assertEquals(0, BigDecimal.ZERO.compareTo(off.effectiveCap()));
        assertFalse(off.withCharges(BigDecimal.ZERO, "USD", MAY, JUNE).reached(), "usage within the allowance costs nothing");
        assertTrue(off.withCharges(new BigDecimal("0.01"), "USD", MAY, JUNE).reached());
        SpendCap on = off.withCharges(new BigDecimal("0.01"), "USD", MAY, JUNE).withOverage(true, JUNE);
        assertFalse(on.reached(), "on again without a limit");
        assertEquals(JUNE, on.overageEnabledAt());
    }

    @Test
    void thresholdsAreFiftyEightyAndHundredPercentOfAPositiveCap() {
        BigDecimal cap = new BigDecimal("100");
        assertEquals(0, SpendCap.crossedPercent(cap, new BigDecimal("49.99")));
        assertEquals(50, SpendCap.crossedPercent(cap, new BigDecimal("50")));
        assertEquals(80, SpendCap.crossedPercent(cap, new BigDecimal("99")));
        assertEquals(100, SpendCap.crossedPercent(cap, new BigDecimal("150")));
        assertEquals(0, SpendCap.crossedPercent(BigDecimal.ZERO, new BigDecimal("5")), "overage off has no thresholds");
        assertEquals(0, SpendCap.crossedPercent(null, new BigDecimal("5")));
    }

    @Test
    void aNewPeriodStartsTheWarningsAgain() {
        SpendCap cap = SpendCap.NONE.withLimit(BigDecimal.TEN).withCharges(BigDecimal.TEN, "USD", MAY, JUNE).alerted(100);
        assertEquals(100, cap.withCharges(BigDecimal.TEN, "USD", MAY, JUNE).alertedPercent());
        assertEquals(0, cap.withCharges(BigDecimal.ONE, "USD", JUNE, JUNE.plusSeconds(86_400 * 30)).alertedPercent());
    }
}

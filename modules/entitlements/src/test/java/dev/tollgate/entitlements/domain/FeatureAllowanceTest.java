package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeatureAllowanceTest {
    static Entitlement entitlement(EntitlementType type, boolean soft) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new Entitlement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "c", "c", UUID.randomUUID(), "f", type, null, null, t, null,
                soft, null, 1, false, null, null, null, t, t, null);
    }

    static EntitlementValue metered(long balance, long usage, long overage) {
        return new EntitlementValue(balance > 0, BigDecimal.valueOf(balance), BigDecimal.valueOf(usage), BigDecimal.valueOf(overage), null, null);
    }

    @Test
    void meteredLimitIsWhatThePeriodGranted() {
        FeatureAllowance a = FeatureAllowance.of(entitlement(EntitlementType.METERED, false), metered(7, 3, 0), c -> Map.of());
        assertEquals(10L, a.limit());
        assertEquals(7L, a.remaining());
        assertEquals(30.0, a.percentage());
        assertTrue(a.allows(7));
        assertFalse(a.allows(8));
        FeatureAllowance over = FeatureAllowance.of(entitlement(EntitlementType.METERED, false), metered(0, 12, 2), c -> Map.of());
        assertEquals(10L, over.limit(), "overage is usage beyond the grants");
        assertEquals(0L, over.remaining());
        assertEquals(100.0, over.percentage());
    }

    @Test
    void aSoftLimitWithoutGrantsIsUnlimitedAndOneWithGrantsAllowsOverage() {
        FeatureAllowance unlimited = FeatureAllowance.of(entitlement(EntitlementType.METERED, true), metered(0, 500, 500), c -> Map.of());
        assertTrue(unlimited.unlimited());
        assertNull(unlimited.remaining());
        assertEquals(0.0, unlimited.percentage());
        FeatureAllowance soft = FeatureAllowance.of(entitlement(EntitlementType.METERED, true), metered(0, 12, 2), c -> Map.of());
        assertEquals(10L, soft.limit());
        assertTrue(soft.allows(100));
    }

    @Test
    void staticValueIsTheLimitAndZeroMeansUnlimited() {
        EntitlementValue five = new EntitlementValue(true, null, null, null, null, "{\"value\":5}");
        assertEquals(5L, FeatureAllowance.of(entitlement(EntitlementType.STATIC, false), five, c -> Map.of("value", 5)).limit());
        EntitlementValue zero = new EntitlementValue(true, null, null, null, null, "{\"value\":0}");
        assertTrue(FeatureAllowance.of(entitlement(EntitlementType.STATIC, false), zero, c -> Map.of("value", 0)).unlimited());
        assertFalse(FeatureAllowance.of(entitlement(EntitlementType.BOOLEAN, false), EntitlementValue.NO_ACCESS, c -> Map.of()).allows(1));
        assertTrue(FeatureAllowance.of(entitlement(EntitlementType.BOOLEAN, false), new EntitlementValue(true, null, null, null, null, null),
                c -> Map.of()).allows(1_000_000));
    }
}

package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RememberedAllowanceTest {
    static final FeatureAllowance TEN = new FeatureAllowance(true, 10L, 3, false);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    static Entitlement entitlement(EntitlementType type, Instant activeFrom, Instant activeTo) {
        return new Entitlement(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "c", "c", UUID.randomUUID(), "f", type, null, null,
                activeFrom, activeTo, false, null, 1, false, null, null, null, activeFrom, activeFrom, null);
    }

    static long ms(Instant t) {
        return t.toEpochMilli();
    }

    @Test
    void anAllowanceIsAnsweredUntilItsTimeAndDueForAReloadFromHalfOfIt() {
        RememberedAllowance r = new RememberedAllowance(TEN, 500, 1_000);
        assertTrue(r.validAt(999));
        assertFalse(r.dueAt(499));
        assertTrue(r.dueAt(500), "still answered, but due for a reload");
        assertFalse(r.validAt(1_000), "out of date at its time");
    }

    @Test
    void meteredUsageIsFreshForASecondAnythingElseForThirty() {
        Instant start = NOW.minus(Duration.ofDays(1));
        RememberedAllowance metered = RememberedAllowance.of(TEN, entitlement(EntitlementType.METERED, start, null), null, NOW);
        assertEquals(ms(NOW.plusSeconds(1)), metered.validUntil());
        assertEquals(ms(NOW.plusMillis(500)), metered.reloadFrom());
        RememberedAllowance configured = RememberedAllowance.of(TEN, entitlement(EntitlementType.STATIC, start, null), null, NOW);
        assertEquals(ms(NOW.plusSeconds(30)), configured.validUntil());
        assertEquals(ms(NOW.plusSeconds(15)), configured.reloadFrom());
    }

    @Test
    void neverPastTheEndOfItsPeriodOrEntitlementNorPastAStart() {
        Instant start = NOW.minus(Duration.ofDays(1));
        Instant soon = NOW.plusSeconds(10);
        assertEquals(ms(soon), RememberedAllowance.of(TEN, entitlement(EntitlementType.BOOLEAN, start, soon), null, NOW).validUntil(),
                "the entitlement ends");
        assertEquals(ms(soon), RememberedAllowance.of(TEN, entitlement(EntitlementType.BOOLEAN, soon, null), null, NOW).validUntil(),
                "the entitlement starts");
        RememberedAllowance periodEnds = RememberedAllowance.of(TEN, entitlement(EntitlementType.METERED, start, null), NOW.plusMillis(200), NOW);
        assertEquals(ms(NOW.plusMillis(200)), periodEnds.validUntil(), "the usage period resets");
        assertEquals(ms(NOW.plusMillis(100)), periodEnds.reloadFrom());
        assertEquals(ms(NOW.plusSeconds(30)), RememberedAllowance.of(TEN, entitlement(EntitlementType.STATIC, start, NOW.plusSeconds(60)), NOW,
                NOW).validUntil(), "boundaries later than its freshness, or not after now, do not shorten it");
    }

    @Test
    void whatIsAnsweredOnceIsNotValidAfterwards() {
        RememberedAllowance once = RememberedAllowance.once(TEN, NOW);
        assertFalse(once.validAt(NOW.toEpochMilli()));
        assertEquals(TEN, once.allowance());
    }
}

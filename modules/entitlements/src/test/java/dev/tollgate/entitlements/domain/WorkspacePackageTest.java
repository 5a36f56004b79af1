package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspacePackageTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    static final Instant LATER = NOW.plusSeconds(3600);

    static WorkspacePackage active(Instant expiresAt) {
        return WorkspacePackage.provision(UUID.randomUUID(), UUID.randomUUID(), PackageKind.PLAN, "pro", "pro", "Pro", expiresAt, null, "svc-1", NOW).withId(42);
    }

    @Test
    void suspendAndUnsuspendRoundTripAndRepeatsChangeNothing() {
        WorkspacePackage p = active(null);
        WorkspacePackage suspended = p.suspend("Non-payment", NOW);
        assertEquals(PackageStatus.SUSPENDED, suspended.statusAt(NOW));
        assertEquals("Non-payment", suspended.statusReason());
        assertFalse(suspended.grantsAt(NOW));
        assertSame(suspended, suspended.suspend("again", NOW), "a retried suspension is the same state");
        WorkspacePackage resumed = suspended.unsuspend(NOW);
        assertTrue(resumed.grantsAt(NOW));
        assertSame(resumed, resumed.unsuspend(NOW));
    }

    @Test
    void expiryIsDerivedAndRenewalRevivesWithoutLosingTheStoredState() {
        WorkspacePackage p = active(LATER);
        assertEquals(PackageStatus.ACTIVE, p.statusAt(NOW));
        assertEquals(PackageStatus.EXPIRED, p.statusAt(LATER), "expired at its expiry instant");
        WorkspacePackage suspendedLate = p.suspend("Non-payment", LATER);
        assertEquals(PackageStatus.EXPIRED, suspendedLate.statusAt(LATER), "suspending an expired package keeps it expired");
        assertEquals(PackageStatus.SUSPENDED, suspendedLate.renew(LATER.plusSeconds(60), null, LATER).statusAt(LATER),
                "and it is suspended once renewed");
        WorkspacePackage renewed = p.renew(LATER.plusSeconds(86_400), Instant.parse("2026-12-01T00:00:00Z"), LATER);
        assertEquals(PackageStatus.ACTIVE, renewed.statusAt(LATER));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), renewed.billingCycleAnchor());
        assertThrows(ValidationException.class, () -> p.renew(NOW.minusSeconds(1), null, NOW), "an expiry in the past");
        assertSame(renewed, renewed.renew(renewed.expiresAt(), renewed.billingCycleAnchor(), LATER), "a retried renewal changes nothing");
    }

    @Test
    void cancelledIsFinal() {
        WorkspacePackage cancelled = active(null).suspend(null, NOW).cancel("Customer request", NOW);
        assertEquals(PackageStatus.CANCELLED, cancelled.statusAt(NOW));
        assertEquals(PackageStatus.CANCELLED, active(NOW.plusSeconds(1)).cancel(null, NOW).statusAt(LATER), "cancelled, not expired");
        assertSame(cancelled, cancelled.cancel("again", NOW));
        assertThrows(ConflictException.class, () -> cancelled.unsuspend(NOW));
        assertThrows(ConflictException.class, () -> cancelled.renew(null, null, NOW));
    }
}

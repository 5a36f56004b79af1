package dev.tollgate.tenancy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrganizationLifecycleTest {
    private final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    private Organization organization() {
        return Organization.create(1, new Slug("acme"), "Acme", null, null, null, WorkspaceType.CUSTOM, null, UUID.randomUUID(), now);
    }

    @Test
    void deletionStartsA30DayGracePeriodAndRestoreEndsIt() {
        Organization o = organization();
        o.requestDeletion(now);
        assertTrue(o.isPendingDeletion());
        assertEquals(now.plus(Duration.ofDays(30)), o.purgeAfter());
        o.restore(now.plus(Duration.ofDays(29)));
        assertFalse(o.isPendingDeletion());
    }

    @Test
    void deletingTwiceKeepsTheFirstDeadline() {
        Organization o = organization();
        o.requestDeletion(now);
        assertThrows(ValidationException.class, () -> o.requestDeletion(now.plusSeconds(60)));
        assertEquals(now.plus(Duration.ofDays(30)), o.purgeAfter());
    }

    @Test
    void restoreAfterTheDeadlineOrWithoutDeletionIsRefused() {
        Organization o = organization();
        assertThrows(ValidationException.class, () -> o.restore(now));
        o.requestDeletion(now);
        assertThrows(ValidationException.class, () -> o.restore(now.plus(Duration.ofDays(30))));
    }

    @Test
    void namesAreTrimmedAndBounded() {
        Organization o = organization();
        o.rename("  Acme Europe  ", now);
        assertEquals("Acme Europe", o.name());
        assertThrows(ValidationException.class, () -> o.rename(" ", now));
        assertThrows(ValidationException.class, () -> o.rename("x".repeat(256), now));
    }
}

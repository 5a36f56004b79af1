package dev.tollgate.tenancy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvitationTest {
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void anInvitationIsOpenForFourteenDaysAndRenewingRestartsThem() {
        Invitation invitation = Invitation.issue(UUID.randomUUID(), " Someone@Example.COM ", Role.MEMBER, null, NOW);
        assertEquals("someone@example.com", invitation.email());
        assertTrue(invitation.isOpen(NOW.plus(Duration.ofDays(14)).minusMillis(1)));
        assertFalse(invitation.isOpen(NOW.plus(Duration.ofDays(14))));

        Invitation renewed = invitation.renewed(Role.ADMIN, null, NOW.plus(Duration.ofDays(13)));
        assertEquals(invitation.publicId(), renewed.publicId());
        assertEquals(Role.ADMIN, renewed.role());
        assertTrue(renewed.isOpen(NOW.plus(Duration.ofDays(20))));
    }
}

package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MarketplaceAccountTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void anAccountPaysForItsTierOnlyWhileItStands() {
        MarketplaceAccount account = MarketplaceAccount.open(UUID.randomUUID(), Provider.AWS, "cust-1", null, "123", "prod", "pro", "active", T0);
        assertTrue(account.standing());
        assertFalse(account.withPlan("pro", "incomplete", T0).standing());
        MarketplaceAccount ended = account.ended(T0.plusSeconds(60));
        assertFalse(ended.standing());
        assertEquals("canceled", ended.status());
        assertEquals(T0.plusSeconds(60), ended.ended(T0.plusSeconds(120)).endedAt(), "the first end is the end");
        MarketplaceAccount again = ended.reopened("scale", "active", T0.plusSeconds(180));
        assertTrue(again.standing());
        assertNull(again.endedAt());
    }

    @Test
    void aClaimSpendsTheClaimToken() {
        MarketplaceAccount account = MarketplaceAccount.open(UUID.randomUUID(), Provider.AWS, "cust-1", null, null, "prod", "pro", "active", T0)
                .withClaimToken("hash", T0);
        UUID organization = UUID.randomUUID();
        MarketplaceAccount claimed = account.claimedBy(organization, T0);
        assertEquals(organization, claimed.organizationId());
        assertNull(claimed.claimTokenHash());
        assertEquals(Provider.VERCEL, Provider.of("vercel"));
    }

    @Test
    void aVercelUserRoleIsReadOnlyAndATokenIsForItsInstallation() {
        VercelCaller viewer = new VercelCaller("icfg_1", "acc", "u1", "USER", null, null);
        assertFalse(viewer.mayChange());
        assertTrue(new VercelCaller("icfg_1", "acc", "u1", "ADMIN", null, null).mayChange());
        assertTrue(new VercelCaller("icfg_1", "acc", null, null, null, null).mayChange(), "Vercel itself");
        assertTrue(viewer.actsFor("icfg_1"));
        assertFalse(viewer.actsFor("icfg_2"));
    }
}

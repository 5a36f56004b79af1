package dev.tollgate.proxy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How a node's count of today's queries takes in metering's figure (ADR 0013). */
class OrganizationQuotaTest {
    private static final Instant NOON = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void meteringsFigureRaisesTheCountButNeverLowersItAndYesterdaysIsIgnored() {
        OrganizationQuota quota = new OrganizationQuota(new OrganizationQuota.Limits("free", 0, 0, 0, 0), 5, NOON);
        quota.observeMetered(250, NOON);
        assertEquals(250, quota.usedToday(), "queries other nodes admitted are counted");
        quota.observeMetered(10, NOON);
        assertEquals(250, quota.usedToday(), "an older, smaller figure does not undo them");
        quota.observeMetered(900, Instant.parse("2026-12-07T00:00:01Z"));
        assertEquals(250, quota.usedToday(), "another day's figure is not today's");
    }
}

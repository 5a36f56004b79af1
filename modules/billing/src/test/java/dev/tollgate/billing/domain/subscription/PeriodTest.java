package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {
    @Test
    void aLineStartingInTheSecondTheSubscriptionStartedIsInItsPeriodOnceCutToWholeSeconds() {
        Period subscription = new Period(Instant.parse("2026-12-07T04:36:17.343533Z"), Instant.parse("2027-01-07T04:36:17.343533Z"));
        Instant lineStart = Instant.parse("2026-12-07T04:36:17Z"); // invoice lines keep whole seconds

        assertFalse(subscription.contains(lineStart), "the sub-second start alone would leave the line out (ADR 0041's charges read 0)");
        Period whole = subscription.inWholeSeconds();
        assertTrue(whole.contains(lineStart));
        assertEquals(new Period(Instant.parse("2026-12-07T04:36:17Z"), Instant.parse("2027-01-07T04:36:17Z")), whole);
        assertFalse(whole.contains(Instant.parse("2027-01-07T04:36:17Z")), "still half-open");
    }

    @Test
    void anOpenEndStaysOpen() {
        Period open = new Period(Instant.parse("2026-12-07T04:36:17.9Z"), null);
        assertNull(open.inWholeSeconds().to());
        assertTrue(open.inWholeSeconds().contains(Instant.parse("2100-01-01T00:00:00Z")));
    }
}

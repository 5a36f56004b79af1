package dev.tollgate.entitlements.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.entitlements.domain.BillingHealth.Reported;
import dev.tollgate.entitlements.domain.BillingHealth.Segment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BillingHealthTest {
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID GONE = UUID.randomUUID();

    @Test
    void noOrganizationsIsNoSegments() {
        assertEquals(List.of(), BillingHealth.segments(Map.of(), Map.of(), Map.of()));
    }

    @Test
    void reportedOrganizationsLeaveTheirPlansUnreportedCountAndGoneOnesAreSkipped() {
        List<Segment> segments = BillingHealth.segments(Map.of("pro", 3L, "starter", 2L, "custom", 1L),
                Map.of(A, "pro", B, "custom"),
                Map.of(A, new Reported("stripe", "active"), B, new Reported("manual", "none"), GONE, new Reported("stripe", "canceled")));
        assertEquals(List.of(new Segment("starter", "none", "none", 2), new Segment("pro", "none", "none", 2),
                new Segment("pro", "stripe", "active", 1), new Segment("enterprise", "manual", "none", 1)), segments);
    }

    @Test
    void aPlanWhoseOrganizationsAreAllReportedHasNoUnreportedSegment() {
        assertEquals(List.of(new Segment("scale", "stripe", "past_due", 1)),
                BillingHealth.segments(Map.of("scale", 1L), Map.of(A, "scale"), Map.of(A, new Reported("stripe", "past_due"))));
    }
}

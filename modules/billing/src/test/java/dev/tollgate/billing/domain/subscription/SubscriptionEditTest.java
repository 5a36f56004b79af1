package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionEditTest {
    private static final Instant START = Instant.parse("2025-01-10T00:00:00Z");
    private static final Instant NOW = Instant.parse("2025-01-12T00:00:00Z");
    private static final Subscription PRO = Subscription.start(UUID.randomUUID(), "cus", SubscriptionTest.pro(), null, START, null, null, null,
            null, START);

    private static Subscription edit(Object... ops) {
        return SubscriptionEdit.apply(PRO, List.of(ops), null, NOW, card -> card).subscription();
    }

    private static List<Instant> starts(Subscription s) {
        return s.phases().stream().map(SubscriptionPhase::activeFrom).toList();
    }

    @Test
    void stretchingAPhaseMovesTheLaterOnes() {
        Subscription s = edit(Map.of("op", "stretch_phase", "phaseKey", "trial", "extendBy", "P1W"));
        assertEquals(List.of(START, Instant.parse("2025-01-31T00:00:00Z"), Instant.parse("2025-03-03T00:00:00Z")), starts(s));
        assertEquals(Instant.parse("2025-01-31T00:00:00Z"), s.phases().get(1).items().get(0).activeFrom(), "their items move with them");
    }

    @Test
    void removingAPhaseShiftsTheNextOnesUpOrLetsThePreviousRunOn() {
        assertEquals(List.of(START, Instant.parse("2025-01-24T00:00:00Z")),
                starts(edit(Map.of("op", "remove_phase", "phaseKey", "intro", "shift", "next"))));
        assertEquals(List.of(START, Instant.parse("2025-02-24T00:00:00Z")),
                starts(edit(Map.of("op", "remove_phase", "phaseKey", "intro", "shift", "prev"))));
    }

    @Test
    void itemsOfTheCurrentPhaseChangeFromTheEditsInstant() {
        Subscription s = edit(Map.of("op", "remove_item", "phaseKey", "trial", "itemKey", "platform"),
                Map.of("op", "add_item", "phaseKey", "trial", "rateCard", Map.of("type", "flat_fee", "key", "platform", "name", "Platform 2")));
        List<SubscriptionItem> versions = s.phases().get(0).timelines().get("platform");
        assertEquals(2, versions.size());
        assertEquals(NOW, versions.get(0).activeTo());
        assertEquals(NOW, versions.get(1).activeFrom());
        assertEquals("Platform 2", s.phases().get(0).itemsAt(NOW, s.phaseEnd(0)).get(0).rateCard().get("name"));
    }

    @Test
    void refusals() {
        assertThrows(ValidationException.class, () -> edit(Map.of("op", "remove_phase", "phaseKey", "trial", "shift", "next")));
        assertThrows(ValidationException.class, () -> edit(Map.of("op", "add_phase", "phase", Map.of("key", "late", "name", "Late"))),
                "startAfter is required, even if null");
        ValidationException e = assertThrows(ValidationException.class, () -> SubscriptionEdit.apply(PRO, List.of(), "next_billing_cycle", NOW,
                card -> card));
        assertTrue(e.getMessage().contains("different phase"), e.getMessage());
    }
}

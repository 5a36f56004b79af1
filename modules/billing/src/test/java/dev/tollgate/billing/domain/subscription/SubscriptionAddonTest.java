package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubscriptionAddonTest {
    private static final Instant START = Instant.parse("2025-01-10T00:00:00Z");
    private static final Subscription PRO = Subscription.start(UUID.randomUUID(), "cus", SubscriptionTest.pro(), null, START, null, null, null,
            null, START);

    private static SubscriptionAddon.Offer seats(String fromPhase) {
        return new SubscriptionAddon.Offer(UUID.randomUUID(), "seats", 1, "multiple", "active",
                List.of(Map.of("type", "flat_fee", "key", "platform", "name", "Seat")), fromPhase, 5);
    }

    private static Instant t(String text) {
        return Instant.parse(text);
    }

    @Test
    void eachQuantityChangeStartsASegmentAndReplacesWhatWasScheduledAfterIt() {
        SubscriptionAddon a = SubscriptionAddon.buy(PRO, seats("trial"), "Seats", null, null, 2, START, START);
        a = a.withQuantity(PRO, seats("trial"), 4, t("2025-03-01T00:00:00Z"), START);
        a = a.withQuantity(PRO, seats("trial"), 3, t("2025-02-01T00:00:00Z"), START); // earlier: the March change is dropped
        assertEquals(List.of(new QuantitySegment(START, t("2025-02-01T00:00:00Z"), 2), new QuantitySegment(t("2025-02-01T00:00:00Z"), null, 3)),
                a.timeline());
        a = a.withQuantity(PRO, seats("trial"), 0, t("2025-04-01T00:00:00Z"), START);
        assertEquals(t("2025-04-01T00:00:00Z"), a.activeTo(), "a trailing 0 ends the add-on");
        assertEquals(0, a.quantity(t("2025-05-01T00:00:00Z")));
        assertEquals(3, a.quantity(t("2025-03-31T23:59:59Z")));
        assertEquals(List.of(PRO.phases().get(0).items().get(0).id(), PRO.phases().get(1).items().get(0).id(),
                PRO.phases().get(2).items().get(0).id()), a.affectedItems(PRO, "platform"));
    }

    @ParameterizedTest(name = "{0} x{1}: {2}")
    @CsvSource(nullValues = "-", value = {
            "single, 2, single-instance",
            "multiple, 6, at most 5",
            "multiple, 0, at least 1",
    })
    void quantitiesTheOfferAllows(String instanceType, int quantity, String message) {
        var offer = new SubscriptionAddon.Offer(UUID.randomUUID(), "x", 1, instanceType, "active", List.of(), "trial",
                instanceType.equals("single") ? null : 5);
        ValidationException e = assertThrows(ValidationException.class,
                () -> SubscriptionAddon.buy(PRO, offer, "X", null, null, quantity, START, START));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void availableFromThePhaseThePlanOffersItIn() {
        ValidationException early = assertThrows(ValidationException.class,
                () -> SubscriptionAddon.buy(PRO, seats("main"), "Seats", null, null, 1, START, START));
        assertTrue(early.getMessage().contains("available from phase 'main'"), early.getMessage());
        SubscriptionAddon later = SubscriptionAddon.buy(PRO, seats("main"), "Seats", null, null, 1, PRO.phases().get(2).activeFrom(), START);
        assertNull(later.activeTo());
        assertEquals(PRO.phases().get(2).activeFrom(), later.quantityAt(START), "not started yet: read at its start");
    }
}

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

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(nullValues = "-", delimiter = '|', value = {
            "api_calls| flat| P1M| the item has a unit price; an add-on's price only adds up onto a flat price or onto an item without a price",
            "platform| unit| P1M| the add-on's price is unit; only a flat price adds up onto the item's flat price",
            "platform| flat| P1Y| the item is billed every P1M and the add-on every P1Y; flat prices only add up at the same cadence",
            "platform| flat| P1M| -",
            "sso| unit| P1M| -"})
    void aPricedAddonMustAddUpOntoTheItemsItMeets(String key, String priceType, String cadence, String refusal) {
        Subscription s = AddonOverlayTest.subscription();
        Map<String, Object> card = AddonOverlayTest.card(key, cadence, Map.of("type", priceType, "amount", "5"), null, null);
        SubscriptionAddon.Offer offer = new SubscriptionAddon.Offer(UUID.randomUUID(), "boost", 1, "single", "active", List.of(card), "trial",
                null);
        Instant at = Instant.parse("2025-01-20T00:00:00Z");
        if (refusal == null) {
            assertEquals(1, SubscriptionAddon.buy(s, offer, "Boost", null, null, 1, at, at).quantity(at));
            return;
        }
        ValidationException e = assertThrows(ValidationException.class, () -> SubscriptionAddon.buy(s, offer, "Boost", null, null, 1, at, at));
        assertEquals("addon/id", e.errors().get(0).field());
        assertEquals("addon_rate_card_price_incompatible", e.errors().get(0).code());
        assertEquals("add-on 'boost' cannot be added to item '" + key + "' of phase 'main': " + refusal, e.errors().get(0).message());
    }
}

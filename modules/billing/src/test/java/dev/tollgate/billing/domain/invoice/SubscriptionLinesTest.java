package dev.tollgate.billing.domain.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.billing.domain.pricing.CurrencyPrecision;
import dev.tollgate.billing.domain.subscription.AddonOverlay;
import dev.tollgate.billing.domain.subscription.PlanReference;
import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.QuantitySegment;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The lines a subscription bills, period by period (digest 003b §3.3 and §4.1). */
class SubscriptionLinesTest {
    static final CurrencyPrecision USD = CurrencyPrecision.of("USD");
    static final Map<String, Object> PLATFORM = Map.of("type", "flat_fee", "key", "platform", "name", "Platform", "billingCadence", "P1M",
            "price", Map.of("type", "flat", "amount", "100", "paymentTerm", "in_advance"));
    static final Map<String, Object> CALLS = Map.of("type", "usage_based", "key", "api_calls", "name", "API calls", "featureKey", "api_calls",
            "billingCadence", "P1M", "price", Map.of("type", "unit", "amount", "0.01"));
    static final Map<String, Object> SETUP = Map.of("type", "flat_fee", "key", "setup", "name", "Setup",
            "price", Map.of("type", "flat", "amount", "50", "paymentTerm", "in_advance"));
    static final Map<String, Object> FREE = new java.util.HashMap<>(Map.of("type", "flat_fee", "key", "sso", "name", "SSO", "billingCadence",
            "P1M"));

    static {
        FREE.put("price", null);
    }

    private static Subscription subscription(Instant start, Instant anchor, List<Map<String, Object>> cards) {
        PlanTerms terms = new PlanTerms(new PlanReference(UUID.randomUUID(), "pro", 1), "Pro", null, null, "USD", IsoDuration.parse("P1M").orElseThrow(),
                true, List.of(new PlanTerms.Phase("main", "Main", null, null, null, cards)));
        return Subscription.start(UUID.randomUUID(), "cust", terms, null, start, anchor, null, null, null, start);
    }

    private static SubscriptionLines plan(Subscription s, String horizon) {
        return SubscriptionLines.plan(s, Instant.parse(horizon), USD, UUID::randomUUID, Instant.parse(horizon));
    }

    @Test
    void aFullMonthBillsItsFeeUpFrontAndItsUsageAtTheEnd() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(PLATFORM, CALLS, FREE));
        SubscriptionLines planned = plan(s, "2025-01-10T00:00:00Z");
        assertEquals(2, planned.lines().size(), "the free rate card bills nothing");
        InvoiceLine fee = planned.lines().stream().filter(l -> l.name().equals("Platform")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), fee.invoiceAt());
        assertEquals("100", fee.price().get("amount"));
        assertEquals("subscription", fee.managedBy());
        assertTrue(fee.childUniqueReferenceId().endsWith("/main/platform/v[0]/period[0]"), fee.childUniqueReferenceId());
        InvoiceLine calls = planned.lines().stream().filter(l -> l.name().equals("API calls")).findFirst().orElseThrow();
        assertEquals(new LinePeriod(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")), calls.period());
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), calls.invoiceAt());
        assertEquals("api_calls", calls.featureKey());
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), planned.nextAt(), "the next period starts a month later");
        assertEquals(4, plan(s, "2025-02-05T00:00:00Z").lines().size(), "two periods of each by February");
    }

    @Test
    void aMidMonthStartProratesTheFirstFeeButACancelationCutsWithout() {
        Subscription s = subscription(Instant.parse("2025-01-16T00:00:00Z"), Instant.parse("2025-01-01T00:00:00Z"), List.of(PLATFORM));
        InvoiceLine first = plan(s, "2025-01-20T00:00:00Z").lines().get(0);
        assertEquals("51.61", first.price().get("amount"), "16 of 31 days of 100");
        assertEquals(Instant.parse("2025-02-01T00:00:00Z"), first.period().to());

        Subscription canceled = s.canceledAt(Instant.parse("2025-02-10T00:00:00Z"), Instant.parse("2025-02-05T00:00:00Z"));
        List<InvoiceLine> lines = plan(canceled, "2025-03-15T00:00:00Z").lines();
        assertEquals(2, lines.size(), "nothing after the end");
        assertEquals("100", lines.get(1).price().get("amount"), "cut by the subscription's end: not prorated");
        assertEquals(Instant.parse("2025-02-10T00:00:00Z"), lines.get(1).period().to());
    }

    @Test
    void aOneTimeFeeIsBilledOnceAtTheStart() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(SETUP));
        SubscriptionLines planned = plan(s, "2025-06-01T00:00:00Z");
        assertEquals(1, planned.lines().size());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z"), planned.lines().get(0).invoiceAt());
        assertEquals(null, planned.nextAt());
    }

    @Test
    void aFeeInvoicedBeforeAnAddonIsBoughtMidPeriodIsNotBilledAgain() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(PLATFORM));
        InvoiceLine invoiced = plan(s, "2025-01-10T00:00:00Z").lines().get(0); // January's fee, in advance, already on an invoice
        Map<String, Object> fivePerSeat = Map.of("type", "flat_fee", "key", "platform", "name", "Seat", "billingCadence", "P1M",
                "price", Map.of("type", "flat", "amount", "5", "paymentTerm", "in_advance"));
        SubscriptionAddon seats = new SubscriptionAddon(UUID.randomUUID(), s.namespace(), s.id(), UUID.randomUUID(), "seats", 1, "multiple",
                "Seats", null, Map.of(), List.of(fivePerSeat), List.of(new QuantitySegment(Instant.parse("2025-01-16T00:00:00Z"), null, 2)),
                Instant.parse("2025-01-16T00:00:00Z"), Instant.parse("2025-01-16T00:00:00Z"), null);

        Instant later = Instant.parse("2025-01-20T00:00:00Z");
        List<InvoiceLine> planned = SubscriptionLines.plan(AddonOverlay.of(s, List.of(seats)), later, USD, UUID::randomUUID, later).lines();
        // What the line sync adds: planned lines whose identity was not invoiced yet.
        List<InvoiceLine> added = planned.stream().filter(l -> !l.childUniqueReferenceId().equals(invoiced.childUniqueReferenceId())).toList();
        assertEquals(2, planned.size());
        assertTrue(planned.stream().anyMatch(l -> l.childUniqueReferenceId().equals(invoiced.childUniqueReferenceId())),
                "January's fee keeps its identity, so it is recognised as invoiced");
        assertEquals(1, added.size(), "only the add-on's piece of the period is new");
        InvoiceLine piece = added.get(0);
        assertTrue(piece.childUniqueReferenceId().endsWith("/main/platform/v[0]/since[2025-01-16T00:00:00Z]/period[0]"),
                piece.childUniqueReferenceId());
        assertEquals(new LinePeriod(Instant.parse("2025-01-16T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z")), piece.period());
        assertEquals("56.77", piece.price().get("amount"), "16 of 31 days of 100 + 2 x 5");

        Instant march = Instant.parse("2025-03-05T00:00:00Z");
        List<String> identities = SubscriptionLines.plan(AddonOverlay.of(s, List.of(seats)), march, USD, UUID::randomUUID, march).lines().stream()
                .map(InvoiceLine::childUniqueReferenceId).map(id -> id.substring(id.indexOf("/main/"))).toList();
        assertEquals(List.of("/main/platform/v[0]/period[0]", "/main/platform/v[0]/since[2025-01-16T00:00:00Z]/period[0]",
                "/main/platform/v[0]/since[2025-01-16T00:00:00Z]/period[1]", "/main/platform/v[0]/since[2025-01-16T00:00:00Z]/period[2]"),
                identities, "later periods count on from the piece's start, and earlier identities never change");
    }
}

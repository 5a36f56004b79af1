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

    static final Map<String, Object> FIVE_PER_SEAT = Map.of("type", "flat_fee", "key", "platform", "name", "Seat", "billingCadence", "P1M",
            "price", Map.of("type", "flat", "amount", "5", "paymentTerm", "in_advance"));

    /** Seats bought on the subscription, {@code "01-17:2 02-10:3"}: from each date of 2025 on, that many. */
    private static SubscriptionAddon seats(Subscription s, String timeline) {
        List<QuantitySegment> segments = new java.util.ArrayList<>();
        String[] parts = timeline.split(" ");
        for (int k = 0; k < parts.length; k++) {
            String[] at = parts[k].split(":");
            Instant to = k + 1 < parts.length ? Instant.parse("2025-" + parts[k + 1].split(":")[0] + "T00:00:00Z") : null;
            segments.add(new QuantitySegment(Instant.parse("2025-" + at[0] + "T00:00:00Z"), to, Integer.parseInt(at[1])));
        }
        return new SubscriptionAddon(UUID.randomUUID(), s.namespace(), s.id(), UUID.randomUUID(), "seats", 1, "multiple", "Seats", null, Map.of(),
                List.of(FIVE_PER_SEAT), segments, segments.get(0).activeFrom(), segments.get(0).activeFrom(), null);
    }

    /** The lines planned up to {@code horizon} (2025), each as "identity after the subscription: from..to amount invoiceAt". */
    private static List<String> lines(Subscription s, List<SubscriptionAddon> addons, String horizon) {
        Instant at = Instant.parse("2025-" + horizon + "T00:00:00Z");
        return SubscriptionLines.plan(AddonOverlay.of(s, addons), at, USD, UUID::randomUUID, at).lines().stream()
                .map(l -> (l.childUniqueReferenceId().substring(l.childUniqueReferenceId().indexOf("/main/") + 6) + ": " + l.period().from() + ".."
                        + l.period().to() + " " + l.price().get("amount") + " at " + l.invoiceAt()).replace("T00:00:00Z", "").replace("2025-", ""))
                .sorted().toList();
    }

    @Test
    void aFeeInvoicedBeforeAnAddonIsBoughtMidPeriodIsNotBilledAgain() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(PLATFORM));
        List<String> invoiced = lines(s, List.of(), "01-10"); // January's fee, in advance, already on an invoice
        assertEquals(List.of("platform/v[0]/period[0]: 01-01..02-01 100 at 01-01"), invoiced);

        List<String> planned = lines(s, List.of(seats(s, "01-17:2")), "01-20");
        assertEquals(List.of("platform/v[0]/addon[seats]/since[01-17]/period[0]: 01-17..02-01 4.84 at 01-01",
                "platform/v[0]/period[0]: 01-01..02-01 100 at 01-01"), planned,
                "January's fee exactly as invoiced (so the line sync skips it), and only 15 of 31 days of 2 x 5 is new: never a second 100");

        assertEquals(List.of("platform/v[0]/addon[seats]/since[01-17]/period[0]: 01-17..02-01 4.84 at 01-01",
                "platform/v[0]/addon[seats]/since[01-17]/period[1]: 02-01..03-01 10 at 02-01",
                "platform/v[0]/addon[seats]/since[01-17]/period[2]: 03-01..04-01 10 at 03-01",
                "platform/v[0]/period[0]: 01-01..02-01 100 at 01-01",
                "platform/v[0]/period[1]: 02-01..03-01 100 at 02-01",
                "platform/v[0]/period[2]: 03-01..04-01 100 at 03-01"), lines(s, List.of(seats(s, "01-17:2")), "03-05"),
                "whole months: 100 + 2 x 5, the digest's summed price, on two lines");
    }

    @Test
    void aRiseMidPeriodBillsOnlyTheAddedInstancesAsALayerOfTheirOwn() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(PLATFORM));
        List<String> invoiced = lines(s, List.of(seats(s, "01-17:2")), "02-05"); // February's add-on line, in advance, invoiced
        assertTrue(invoiced.contains("platform/v[0]/addon[seats]/since[01-17]/period[1]: 02-01..03-01 10 at 02-01"), invoiced.toString());
        List<String> after = lines(s, List.of(seats(s, "01-17:2 02-10:3")), "03-05");
        assertTrue(after.containsAll(invoiced), "every line planned before the change is planned again as it was: " + after);
        assertEquals(List.of("platform/v[0]/addon[seats]/since[01-17]/period[0]: 01-17..02-01 4.84 at 01-01",
                "platform/v[0]/addon[seats]/since[01-17]/period[1]: 02-01..03-01 10 at 02-01",
                "platform/v[0]/addon[seats]/since[01-17]/period[2]: 03-01..04-01 10 at 03-01",
                "platform/v[0]/addon[seats]/since[02-10]/period[0]: 02-10..03-01 3.39 at 02-01",
                "platform/v[0]/addon[seats]/since[02-10]/period[1]: 03-01..04-01 5 at 03-01",
                "platform/v[0]/period[0]: 01-01..02-01 100 at 01-01",
                "platform/v[0]/period[1]: 02-01..03-01 100 at 02-01",
                "platform/v[0]/period[2]: 03-01..04-01 100 at 03-01"), after,
                "February's 2 seats stay as invoiced (10); only the third seat is new, 19 of 28 days of 5; from March 10 + 5 = 15");
    }

    @Test
    void aFallMidPeriodAfterTheFeeWasInvoicedBillsNothingNewForThatPeriod() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(PLATFORM));
        List<String> invoiced = lines(s, List.of(seats(s, "01-17:3")), "02-05");
        assertTrue(invoiced.contains("platform/v[0]/addon[seats]/since[01-17]/period[1]: 02-01..03-01 15 at 02-01"), invoiced.toString());
        List<String> after = lines(s, List.of(seats(s, "01-17:3 02-10:2")), "03-05");
        assertTrue(after.containsAll(invoiced), "no line planned before the change is reshaped: " + after);
        assertEquals(List.of("platform/v[0]/addon[seats]/since[01-17]/period[0]: 01-17..02-01 7.26 at 01-01",
                "platform/v[0]/addon[seats]/since[01-17]/period[1]: 02-01..03-01 15 at 02-01",
                "platform/v[0]/addon[seats]/since[03-01]/period[0]: 03-01..04-01 10 at 03-01",
                "platform/v[0]/period[0]: 01-01..02-01 100 at 01-01",
                "platform/v[0]/period[1]: 02-01..03-01 100 at 02-01",
                "platform/v[0]/period[2]: 03-01..04-01 100 at 03-01"), after,
                "February was paid for 3 seats and nothing new is billed for it; the 2 seats that stay bill 10 from March");
    }

    @Test
    void cancelingTheAddonMidPeriodReshapesOnlyItsOwnPendingLine() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(PLATFORM));
        assertEquals(List.of("platform/v[0]/addon[seats]/since[01-17]/period[0]: 01-17..02-01 4.84 at 01-01",
                "platform/v[0]/period[0]: 01-01..02-01 100 at 01-01"), lines(s, List.of(seats(s, "01-17:2")), "01-20"));
        assertEquals(List.of("platform/v[0]/addon[seats]/since[01-17]/period[0]: 01-17..01-25 2.58 at 01-01",
                "platform/v[0]/period[0]: 01-01..02-01 100 at 01-01",
                "platform/v[0]/period[1]: 02-01..03-01 100 at 02-01",
                "platform/v[0]/period[2]: 03-01..04-01 100 at 03-01"), lines(s, List.of(seats(s, "01-17:2 01-25:0")), "03-05"),
                "the add-on's line keeps its identity and ends at the cancelation (8 of 31 days of 2 x 5); quantity 0 bills nothing more,"
                        + " and the base fee is the same line as ever");
    }

    @Test
    void anAddonPricedOntoAnItemWithoutAPriceIsItsOwnLine() {
        Subscription s = subscription(Instant.parse("2025-01-01T00:00:00Z"), null, List.of(FREE));
        Map<String, Object> ssoSeat = Map.of("type", "flat_fee", "key", "sso", "name", "SSO seat", "billingCadence", "P1M",
                "price", Map.of("type", "flat", "amount", "3", "paymentTerm", "in_arrears"));
        SubscriptionAddon addon = new SubscriptionAddon(UUID.randomUUID(), s.namespace(), s.id(), UUID.randomUUID(), "sso_seats", 1, "multiple",
                "SSO seats", null, Map.of(), List.of(ssoSeat), List.of(new QuantitySegment(Instant.parse("2025-01-17T00:00:00Z"), null, 4)),
                Instant.parse("2025-01-17T00:00:00Z"), Instant.parse("2025-01-17T00:00:00Z"), null);
        assertEquals(List.of("sso/v[0]/addon[sso_seats]/since[01-17]/period[0]: 01-17..02-01 5.81 at 02-01",
                "sso/v[0]/addon[sso_seats]/since[01-17]/period[1]: 02-01..03-01 12 at 03-01"), lines(s, List.of(addon), "02-05"),
                "15 of 31 days of 4 x 3, in arrears as the add-on says; the free item bills nothing");
    }
}

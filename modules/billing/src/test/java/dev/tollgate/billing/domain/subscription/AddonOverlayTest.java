package dev.tollgate.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.platform.domain.IsoDuration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Add-on rate cards laid over a subscription's items (digest 003b §3.3, ADR 0035), read as a table: the timelines of the
 * add-ons bought, and the pieces each key of each phase bills and grants, with their labels. Dates are 2025, at midnight.
 */
class AddonOverlayTest {
    static final Map<String, Object> PLATFORM = card("platform", "P1M", Map.of("type", "flat", "amount", "100", "paymentTerm", "in_advance"),
            null, null);
    static final Map<String, Object> TRIAL_PLATFORM = card("platform", null, null, null, null);
    static final Map<String, Object> CALLS = card("api_calls", "P1M", Map.of("type", "unit", "amount", "0.01"),
            Map.of("type", "metered", "issueAfterReset", 1000, "usagePeriod", "P1M"), Map.of("usage", Map.of("quantity", "100")));
    static final Map<String, Object> SSO = card("sso", "P1M", null, Map.of("type", "boolean"), null);
    /** The add-on: five more per instance on the platform fee, 500 calls and 50 free calls more, SSO, and support of its own. */
    static final List<Map<String, Object>> ADDON = List.of(
            card("platform", "P1M", Map.of("type", "flat", "amount", "5", "paymentTerm", "in_advance"), null, null),
            card("api_calls", "P1M", null, Map.of("type", "metered", "issueAfterReset", 500), Map.of("usage", Map.of("quantity", "50"))),
            card("sso", "P1M", null, Map.of("type", "boolean"), null),
            card("support", "P1M", Map.of("type", "flat", "amount", "20", "paymentTerm", "in_advance"), null, null));

    static Map<String, Object> card(String key, String cadence, Map<String, Object> price, Map<String, Object> template,
                                    Map<String, Object> discounts) {
        Map<String, Object> card = new HashMap<>(Map.of("type", "flat_fee", "key", key, "name", key));
        card.put("billingCadence", cadence);
        card.put("price", price);
        if (key.equals("api_calls") || key.equals("sso")) {
            card.put("featureKey", key);
        }
        if (template != null) {
            card.put("entitlementTemplate", template);
        }
        if (discounts != null) {
            card.put("discounts", discounts);
        }
        return card;
    }

    static Instant t(String monthDay) {
        return Instant.parse("2025-" + monthDay + "T00:00:00Z");
    }

    /** A trial from January 1st to the 15th (free platform), then main (all items), open-ended. */
    static Subscription subscription() {
        PlanTerms terms = new PlanTerms(new PlanReference(UUID.randomUUID(), "pro", 1), "Pro", null, null, "USD",
                IsoDuration.parse("P1M").orElseThrow(), true, List.of(
                new PlanTerms.Phase("trial", "Trial", null, null, IsoDuration.parse("P14D").orElseThrow(), List.of(TRIAL_PLATFORM)),
                new PlanTerms.Phase("main", "Main", null, null, null, List.of(PLATFORM, CALLS, SSO))));
        return Subscription.start(UUID.randomUUID(), "cus", terms, null, t("01-01"), null, null, null, null, t("01-01"));
    }

    /** An add-on with the timeline {@code "01-20:2 02-10:0"}: from each date on, that many instances. */
    static SubscriptionAddon addon(Subscription s, String timeline, List<Map<String, Object>> cards) {
        List<QuantitySegment> segments = new ArrayList<>();
        String[] parts = timeline.trim().split(" ");
        for (int k = 0; k < parts.length; k++) {
            String[] at = parts[k].split(":");
            Instant to = k + 1 < parts.length ? t(parts[k + 1].split(":")[0]) : null;
            segments.add(new QuantitySegment(t(at[0]), to, Integer.parseInt(at[1])));
        }
        return new SubscriptionAddon(UUID.randomUUID(), s.namespace(), s.id(), UUID.randomUUID(), "boost", 1, "multiple", "Boost", null, Map.of(),
                cards, segments, t("01-01"), t("01-01"), null);
    }

    /** Each piece of {@code key} in phase {@code phase}: label, window, and what it says about {@code field}. */
    @SuppressWarnings("unchecked")
    static String pieces(AddonOverlay overlay, int phase, String key, String field) {
        return overlay.timelines(phase).getOrDefault(key, List.of()).stream().map(v -> {
            Map<String, Object> card = v.item().rateCard();
            Object shown = switch (field) {
                case "price" -> card.get("price") == null ? "free" : ((Map<String, Object>) card.get("price")).get("amount") + "/"
                        + card.get("billingCadence");
                case "allowance" -> ((Map<String, Object>) card.get("entitlementTemplate")).get("issueAfterReset") + " less "
                        + ((Map<String, Object>) ((Map<String, Object>) card.get("discounts")).get("usage")).get("quantity");
                default -> ((Map<String, Object>) card.get("entitlementTemplate")).get("type");
            };
            return v.label() + " " + v.item().activeFrom() + ".." + (v.item().activeTo() == null ? "" : v.item().activeTo()) + " " + shown;
        }).collect(Collectors.joining(" | ")).replace("T00:00:00Z", "").replace("2025-", "");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            nothing bought;                    ;                                    v[0] 01-15.. 100/P1M
            two from mid-period;               01-20:2;                             v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20.. 110/P1M
            bought then canceled;              01-20:2 02-10:0;                     v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20..02-10 110/P1M | v[0]/since[02-10] 02-10.. 100/P1M
            quantity 0 throughout cuts nothing; 01-20:0;                            v[0] 01-15.. 100/P1M
            quantity changes;                  01-20:1 03-01:3;                     v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20..03-01 105/P1M | v[0]/since[03-01] 03-01.. 115/P1M
            same quantity again cuts nothing;  01-20:2 03-01:2;                     v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20.. 110/P1M
            bought before the phase starts;    01-05:2;                             v[0] 01-15.. 110/P1M
            bought at the phase start;         01-15:1;                             v[0] 01-15.. 105/P1M
            """)
    void thePlatformFeeOfTheMainPhase(String name, String timeline, String expected) {
        Subscription s = subscription();
        List<SubscriptionAddon> addons = timeline == null ? List.of() : List.of(addon(s, timeline, ADDON));
        assertEquals(expected, pieces(AddonOverlay.of(s, addons), 1, "platform", "price"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            bought in the trial, onto a free one-time item, brings its price and cadence; 01-05:2; v[0] 01-01..01-05 free | v[0]/since[01-05] 01-05.. 10/P1M
            bought after the trial;                         01-20:2; v[0] 01-01.. free
            """)
    void aSegmentStartingBeforeOrAfterThePhase(String name, String timeline, String expected) {
        Subscription s = subscription();
        assertEquals(expected, pieces(AddonOverlay.of(s, List.of(addon(s, timeline, ADDON))), 0, "platform", "price"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            one add-on;                 01-20:2; ;       v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20.. 110/P1M
            two add-ons on one key;     01-20:3; 02-05:1; v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20..02-05 115/P1M | v[0]/since[02-05] 02-05.. 120/P1M
            """)
    void multiInstanceQuantitiesAndSeveralAddonsAddUp(String name, String first, String second, String expected) {
        Subscription s = subscription();
        List<SubscriptionAddon> addons = new ArrayList<>(List.of(addon(s, first, ADDON)));
        if (second != null) {
            addons.add(addon(s, second, ADDON));
        }
        assertEquals(expected, pieces(AddonOverlay.of(s, addons), 1, "platform", "price"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            add-on before the edit;  01-20:1; v[0] 01-15..01-20 100/P1M | v[0]/since[01-20] 01-20..02-01 105/P1M | v[1] 02-01.. 205/P1M
            add-on after the edit;   02-10:1; v[0] 01-15..02-01 100/P1M | v[1] 02-01..02-10 200/P1M | v[1]/since[02-10] 02-10.. 205/P1M
            add-on at the edit;      02-01:2; v[0] 01-15..02-01 100/P1M | v[1] 02-01.. 210/P1M
            """)
    void editsAndAddonsTogether(String name, String timeline, String expected) {
        Subscription edited = edited(subscription());
        assertEquals(expected, pieces(AddonOverlay.of(edited, List.of(addon(edited, timeline, ADDON))), 1, "platform", "price"));
    }

    /** The platform fee raised to 200 from February 1st, the edit made on January 20th. */
    static Subscription edited(Subscription s) {
        SubscriptionPhase main = s.phases().get(1);
        List<SubscriptionItem> items = new ArrayList<>();
        for (SubscriptionItem item : main.items()) {
            items.add(item.key().equals("platform") ? item.endedAt(t("02-01")) : item);
        }
        Map<String, Object> dearer = card("platform", "P1M", Map.of("type", "flat", "amount", "200", "paymentTerm", "in_advance"), null, null);
        items.add(new SubscriptionItem(UUID.randomUUID(), "platform", dearer, t("02-01"), null, t("01-20"), t("01-20")));
        return s.withPhases(List.of(s.phases().get(0), main.withItems(items, t("01-20"))), t("01-20"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = ';', textBlock = """
            api_calls; allowance; v[0] 01-15..01-20 1000 less 100 | v[0]/since[01-20] 01-20.. 2000 less 200
            sso;       type;      v[0] 01-15.. boolean
            support;   price;     addon/since[01-20] 01-20.. 40/P1M
            """)
    void allowancesAndDiscountsAreSummedBooleansCutNothingAndUnknownKeysBecomeItems(String key, String field, String expected) {
        Subscription s = subscription();
        assertEquals(expected, pieces(AddonOverlay.of(s, List.of(addon(s, "01-20:2", ADDON))), 1, key, field));
    }

    @ParameterizedTest(name = "at {0}")
    @CsvSource(delimiter = ';', textBlock = """
            01-16; 01-20; 1000
            01-20; 02-10; 2000
            02-10; ;      1000
            """)
    @SuppressWarnings("unchecked")
    void entitlingOverTheOverlayChangesAtTheAddonsBoundaries(String at, String nextChange, String allowance) {
        Subscription s = subscription();
        Subscription overlaid = AddonOverlay.of(s, List.of(addon(s, "01-20:2 02-10:0", ADDON))).overlaid();
        Entitling running = Entitling.at(overlaid, t(at));
        assertEquals(nextChange == null ? null : t(nextChange), running.nextChange());
        SubscriptionItem calls = running.items().stream().filter(i -> i.key().equals("api_calls")).findFirst().orElseThrow();
        assertEquals(allowance, ((Map<String, Object>) calls.rateCard().get("entitlementTemplate")).get("issueAfterReset").toString());
    }

    @org.junit.jupiter.api.Test
    void invoicingSeesOnePieceWhereOnlyTheAllowanceChanged() {
        Subscription s = subscription();
        List<Map<String, Object>> allowanceOnly = List.of(ADDON.get(0),
                card("api_calls", "P1M", null, Map.of("type", "metered", "issueAfterReset", 500), null));
        AddonOverlay overlay = AddonOverlay.of(s, List.of(addon(s, "01-20:2 02-10:0", allowanceOnly)));
        assertEquals(3, overlay.timelines(1).get("api_calls").size(), "entitlements see the allowance change twice");
        List<AddonOverlay.ItemVersion> billed = overlay.billedTimelines(1).get("api_calls");
        assertEquals(1, billed.size(), "the usage price never changed: one line per period, as if nothing was bought");
        assertEquals("v[0]", billed.get(0).label());
        assertEquals(null, billed.get(0).item().activeTo());
        assertEquals("v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20..02-10 10/P1M", billed(overlay, "platform"),
                "the item's own fee as if nothing was bought, the add-on's fee an item of its own");
    }

    static String billed(AddonOverlay overlay, String key) {
        return pieces(new AddonOverlay(overlay.subscription(), overlay.billed(), overlay.billed()), 1, key, "price");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            two from mid-period;               01-20:2;             v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20.. 10/P1M
            bought then canceled;              01-20:2 02-10:0;     v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20..02-10 10/P1M
            a rise adds a layer;               01-20:1 03-01:3;     v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20.. 5/P1M | v[0]/addon[boost]/since[03-01] 03-01.. 10/P1M
            a fall ends the newest layer;      01-20:1 02-01:3 03-01:1; v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20.. 5/P1M | v[0]/addon[boost]/since[02-01] 02-01..03-01 10/P1M
            a fall within a layer mid-period;  01-20:3 02-20:2;     v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20..03-01 15/P1M | v[0]/addon[boost]/since[03-01] 03-01.. 10/P1M
            a fall within a layer at a period start; 01-20:3 03-01:2; v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20..03-01 15/P1M | v[0]/addon[boost]/since[03-01] 03-01.. 10/P1M
            canceled ends every layer;         01-20:1 02-01:3 02-10:0; v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20..02-10 5/P1M | v[0]/addon[boost]/since[02-01] 02-01..02-10 10/P1M
            same quantity again cuts nothing;  01-20:2 03-01:2;     v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-20] 01-20.. 10/P1M
            bought before the phase starts;    01-05:2;             v[0] 01-15.. 100/P1M | v[0]/addon[boost]/since[01-05] 01-15.. 10/P1M
            """)
    void invoicingBillsEachAddonFeeAsAnItemOfItsOwn(String name, String timeline, String expected) {
        Subscription s = subscription();
        assertEquals(expected, billed(AddonOverlay.of(s, List.of(addon(s, timeline, ADDON))), "platform"));
    }

    @org.junit.jupiter.api.Test
    void invoicingBillsAnUnknownKeyByItsFeeAndAnEditCutsTheFeeAtTheVersion() {
        Subscription s = subscription();
        assertEquals("addon[boost]/since[01-20] 01-20.. 40/P1M", billed(AddonOverlay.of(s, List.of(addon(s, "01-20:2", ADDON))), "support"));
        assertEquals("v[0] 01-15..02-01 100/P1M | v[1] 02-01.. 200/P1M | v[0]/addon[boost]/since[01-20] 01-20..02-01 5/P1M"
                + " | v[1]/addon[boost]/since[01-20] 02-01.. 5/P1M", billed(AddonOverlay.of(edited(s), List.of(addon(s, "01-20:1", ADDON))), "platform"));
    }
}

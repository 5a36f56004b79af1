package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.SyncSubscriptionLinesUseCase;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An add-on's rate cards laid over the subscription's items (digest 003b §3.3, ADR 0035) over real HTTP, validated
 * against openmeter.yaml: bought mid-period, its flat price is a line of its own next to the plan's fee, which stays as
 * it was (prorated like any fee for part of a period), on the gathering invoice, and its allowance adds to the customer's
 * metered entitlement.
 */
@MicronautTest(transactional = false)
class OpenMeterSubscriptionAddonOverlayContractTest extends HttpTest {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final Instant MID_JANUARY = Instant.parse("2030-01-17T00:00:00Z");
    @Inject
    MutableClock clock;
    @Inject
    SyncSubscriptionLinesUseCase lineSync;
    String token;
    String email;
    String boost;
    String cheapCalls;
    String subscription;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @BeforeEach
    void aSubscriptionWithAFeeAndAnAllowance() {
        clock.set(T0);
        email = "overlay-" + UUID.randomUUID() + "@example.com";
        token = http.post("/v1/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(201).json()
                .get("access_token").asText();
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        boost = http.post("/api/v1/addons", """
                {"key":"boost","name":"Boost","currency":"USD","instanceType":"multiple","rateCards":[
                  {"type":"flat_fee","key":"platform","name":"Boost","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"10","paymentTerm":"in_advance"}},
                  {"type":"usage_based","key":"api_calls","name":"More calls","featureKey":"api_calls","billingCadence":"P1M","price":null,
                   "entitlementTemplate":{"type":"metered","issueAfterReset":500,"usagePeriod":"P1M"}}]}""", auth()).expect(201).json()
                .get("id").asText();
        http.post("/api/v1/addons/" + boost + "/publish", "", auth()).expect(200);
        cheapCalls = http.post("/api/v1/addons", """
                {"key":"cheap_calls","name":"Cheap calls","currency":"USD","instanceType":"single","rateCards":[
                  {"type":"usage_based","key":"api_calls","name":"Calls","featureKey":"api_calls","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"5"}}]}""", auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/addons/" + cheapCalls + "/publish", "", auth()).expect(200);
        String plan = http.post("/api/v1/plans", """
                {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","phases":[{"key":"main","name":"Main","duration":null,
                 "rateCards":[
                  {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                   "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"}},
                  {"type":"usage_based","key":"api_calls","name":"API calls","featureKey":"api_calls","billingCadence":"P1M",
                   "price":{"type":"unit","amount":"0.01"},
                   "entitlementTemplate":{"type":"metered","issueAfterReset":1000,"usagePeriod":"P1M"}}]}]}""", auth()).expect(201).json()
                .get("id").asText();
        http.post("/api/v1/plans/" + plan + "/addons", "{\"addonId\":\"" + boost + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}", auth())
                .expect(201);
        http.post("/api/v1/plans/" + plan + "/addons", "{\"addonId\":\"" + cheapCalls + "\",\"fromPlanPhase\":\"main\"}", auth()).expect(201);
        http.post("/api/v1/plans/" + plan + "/publish", "", auth()).expect(200);
        http.post("/api/v1/customers", "{\"name\":\"ACME\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme\"]}}", auth())
                .expect(201);
        subscription = http.post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"}}", auth()).expect(201)
                .conformsTo(OPENMETER).json().get("id").asText();
        // A period starting exactly now is planned by the next sync, as the worker would an hour later.
        at(T0.plusSeconds(3600));
        lineSync.syncDue(clock.instant(), 100);
    }

    void at(Instant instant) {
        clock.set(instant);
        token = http.post("/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(200).json()
                .get("access_token").asText();
    }

    String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    JsonNode get(String path) {
        return http.get(path, auth()).expect(200).conformsTo(OPENMETER).json();
    }

    /** The gathering invoice's platform fee lines as "from..to total". */
    List<String> platformFees() {
        return fees("Platform");
    }

    /** The gathering invoice's lines named {@code name} as "from..to total". */
    List<String> fees(String name) {
        JsonNode gathering = get("/api/v1/billing/invoices?statuses=gathering&expand=lines").get("items").get(0);
        List<String> out = new ArrayList<>();
        for (JsonNode line : gathering.get("lines")) {
            if (line.get("name").asText().equals(name)) {
                out.add(line.get("period").get("from").asText().substring(0, 10) + ".." + line.get("period").get("to").asText().substring(0, 10)
                        + " " + line.get("totals").get("total").asText());
            }
        }
        return out;
    }

    @Test
    void twoBoostsBoughtMidPeriodAreBilledOnTheirOwnLineAndAddToTheAllowance() {
        assertEquals(List.of("2030-01-01..2030-02-01 100.00"), platformFees());
        assertEquals(1000, get("/api/v2/customers/acme/entitlements/api_calls").get("issue").get("amount").asInt());

        at(MID_JANUARY);
        JsonNode bought = http.post("/api/v1/subscriptions/" + subscription + "/addons",
                "{\"name\":\"Boost\",\"addon\":{\"id\":\"" + boost + "\"},\"quantity\":2,\"timing\":\"immediate\"}", auth()).expect(201)
                .conformsTo(OPENMETER).json();
        assertEquals(2, bought.get("quantity").asInt());
        at(MID_JANUARY.plusSeconds(60));
        lineSync.syncDue(clock.instant(), 100); // the piece from the purchase on starts now: the worker plans it

        assertEquals(List.of("2030-01-01..2030-02-01 100.00"), platformFees(),
                "the plan's fee, in advance, is the same line as before: whether or not it was invoiced yet, it is never billed again");
        assertEquals(List.of("2030-01-17..2030-02-01 9.68"), fees("Boost"), "the add-on's own line: 15 of 31 days of 2 x 10");
        JsonNode entitlement = get("/api/v2/customers/acme/entitlements/api_calls");
        assertEquals(2000, entitlement.get("issue").get("amount").asInt(), "1000 + 2 x 500");
        assertEquals("main", entitlement.get("annotations").get("subscription.phase.key").asText());

        List<String> usage = new ArrayList<>();
        for (JsonNode line : get("/api/v1/billing/invoices?statuses=gathering&expand=lines").get("items").get(0).get("lines")) {
            if (line.get("name").asText().equals("API calls")) {
                usage.add(line.get("period").get("from").asText().substring(0, 10) + ".." + line.get("period").get("to").asText().substring(0, 10));
            }
        }
        assertEquals(List.of("2030-01-01..2030-02-01"), usage, "an allowance bought does not cut the usage period");

        JsonNode fewer = http.patch("/api/v1/subscriptions/" + subscription + "/addons/" + bought.get("id").asText(),
                "{\"quantity\":1,\"timing\":\"next_billing_cycle\"}", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, fewer.get("timeline").size());
        assertEquals(2000, get("/api/v2/customers/acme/entitlements/api_calls").get("issue").get("amount").asInt(),
                "the change waits for February");
        lineSync.syncDue(clock.instant(), 100);
        assertEquals(List.of("2030-01-01..2030-02-01 100.00"), platformFees());
        assertEquals(List.of("2030-01-17..2030-02-01 9.68"), fees("Boost"), "January's add-on line is not renamed by February's quantity");
    }

    @Test
    void aPriceThatCannotAddUpIsRefusedWhenTheAddonIsBought() {
        JsonNode refused = http.post("/api/v1/subscriptions/" + subscription + "/addons",
                "{\"name\":\"Cheap\",\"addon\":{\"id\":\"" + cheapCalls + "\"},\"quantity\":1,\"timing\":\"immediate\"}", auth()).expect(400)
                .conformsTo(OPENMETER).json();
        assertTrue(refused.toString().contains("addon_rate_card_price_incompatible"), refused.toString());
        assertTrue(refused.toString().contains("add-on 'cheap_calls' cannot be added to item 'api_calls' of phase 'main': the item has a unit"
                + " price"), refused.toString());
        assertEquals(0, get("/api/v1/subscriptions/" + subscription + "/addons").size(), "nothing was bought");
    }
}

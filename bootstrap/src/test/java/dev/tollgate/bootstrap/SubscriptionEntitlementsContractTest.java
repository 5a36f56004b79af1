package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.billing.application.port.in.SyncSubscriptionEntitlementsUseCase;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A customer's subscription materialises the entitlements of its running phase's rate cards (ADR 0034), replaced when
 * the phase changes and withdrawn when it ends; one granted by hand is never taken away; and a customer whose
 * subscription still runs cannot be deleted.
 */
@MicronautTest(transactional = false)
class SubscriptionEntitlementsContractTest extends HttpTest {
    static final Instant T0 = Instant.parse("2030-03-01T00:00:00Z");
    static final String PLAN = """
            {"key":"team","name":"Team","currency":"USD","billingCadence":"P1M","phases":[
              {"key":"trial","name":"Trial","duration":"P14D","rateCards":[
                {"type":"flat_fee","key":"sso","name":"SSO","featureKey":"sso","billingCadence":null,"price":null,
                 "entitlementTemplate":{"type":"boolean"}}]},
              {"key":"main","name":"Main","duration":null,"rateCards":[
                {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                 "price":{"type":"flat","amount":"10","paymentTerm":"in_advance"}},
                {"type":"usage_based","key":"api_calls","name":"API calls","featureKey":"api_calls","billingCadence":"P1M",
                 "price":{"type":"unit","amount":"0.01"},
                 "entitlementTemplate":{"type":"metered","issueAfterReset":100,"isSoftLimit":false}}]}]}""";
    @Inject
    MutableClock clock;
    @Inject
    SyncSubscriptionEntitlementsUseCase entitlementSync;
    String token;
    String email;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @BeforeEach
    void namespaceWithAPlanAndACustomer() {
        clock.set(T0);
        email = "entitled-" + java.util.UUID.randomUUID() + "@example.com";
        token = http.post("/v1/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(201).json()
                .get("access_token").asText();
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", auth()).expect(201);
        http.post("/api/v1/customers", "{\"name\":\"ACME\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme\"]}}", auth())
                .expect(201);
        String planId = http.post("/api/v1/plans", PLAN, auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/plans/" + planId + "/publish", "", auth()).expect(200);
    }

    private JsonNode subscribe() {
        return http.post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"team\"}}", auth()).expect(201)
                .conformsTo(OPENMETER).json();
    }

    /** The customer's live entitlements by feature key. */
    private Map<String, JsonNode> entitlements() {
        JsonNode page = http.get("/api/v2/customers/acme/entitlements", auth()).expect(200).conformsTo(OPENMETER).json();
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode e : page.get("items")) {
            out.put(e.get("featureKey").asText(), e);
        }
        return out;
    }

    @Test
    void thePhaseRunningNowDecidesTheEntitlementsAndTheEndWithdrawsThem() {
        JsonNode subscription = subscribe();
        Map<String, JsonNode> trial = entitlements();
        assertEquals(List.of("sso"), new ArrayList<>(trial.keySet()), trial.toString());
        assertEquals(subscription.get("id").asText(), trial.get("sso").get("annotations").get("subscription.id").asText());
        assertEquals("trial", trial.get("sso").get("annotations").get("subscription.phase.key").asText());

        clock.set(T0.plus(Duration.ofDays(14)).plusSeconds(1));
        assertEquals(1, entitlementSync.syncDue(clock.instant(), 100), "the subscription was due when its trial ended");
        token = http.post("/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(200).json()
                .get("access_token").asText(); // two weeks on, the first session has expired
        Map<String, JsonNode> main = entitlements();
        assertEquals(List.of("api_calls"), new ArrayList<>(main.keySet()), main.toString());
        JsonNode calls = main.get("api_calls");
        assertEquals("main", calls.get("annotations").get("subscription.phase.key").asText());
        JsonNode value = http.get("/api/v2/customers/acme/entitlements/api_calls/value", auth()).expect(200).conformsTo(OPENMETER).json();
        assertTrue(value.get("hasAccess").asBoolean(), value.toString());
        assertEquals(100, value.get("balance").asInt(), "the template's allowance: " + value);
        assertEquals(0, entitlementSync.syncDue(clock.instant(), 100), "nothing more changes in the open-ended phase");

        http.post("/api/v1/subscriptions/" + subscription.get("id").asText() + "/cancel", "{\"timing\":\"immediate\"}", auth()).expect(200)
                .conformsTo(OPENMETER);
        assertEquals(Map.of(), entitlements(), "a canceled subscription's entitlements end with it");
    }

    @Test
    void anEntitlementGrantedByHandIsKeptAndWins() {
        JsonNode own = http.post("/api/v2/customers/acme/entitlements", "{\"type\":\"boolean\",\"featureKey\":\"sso\"}", auth()).expect(201)
                .conformsTo(OPENMETER).json();
        subscribe();
        JsonNode sso = entitlements().get("sso");
        assertEquals(own.get("id"), sso.get("id"), "the operator's grant stays: " + sso);
    }

    @Test
    void aCustomerWithARunningSubscriptionCannotBeDeleted() {
        JsonNode subscription = subscribe();
        JsonNode refused = http.delete("/api/v1/customers/acme", auth()).expect(400).conformsTo(OPENMETER).json();
        assertTrue(refused.toString().contains(subscription.get("id").asText()), refused.toString());
        http.get("/api/v1/customers/acme", auth()).expect(200);

        http.post("/api/v1/subscriptions/" + subscription.get("id").asText() + "/cancel", "{\"timing\":\"immediate\"}", auth()).expect(200);
        http.delete("/api/v1/customers/acme", auth()).expect(204);
    }
}

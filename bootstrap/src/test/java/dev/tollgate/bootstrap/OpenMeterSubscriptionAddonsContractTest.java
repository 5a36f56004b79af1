package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Add-ons bought on a subscription over real HTTP, validated against openmeter.yaml: only what the plan version offers,
 * from the phase it offers them, within the quantities it allows, and each quantity change a new segment of the timeline.
 */
@MicronautTest(transactional = false)
class OpenMeterSubscriptionAddonsContractTest extends HttpTest {
    static final Instant T0 = Instant.parse("2030-01-10T00:00:00Z");
    @Inject
    MutableClock clock;
    String token;
    String email;
    String seats;
    String sso;
    String subscription;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @BeforeEach
    void aSubscriptionToAPlanOfferingAddons() {
        clock.set(T0);
        email = "addons-" + UUID.randomUUID() + "@example.com";
        token = http.post("/v1/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(201).json()
                .get("access_token").asText();
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", auth()).expect(201);
        seats = publishAddon("""
                {"key":"seats","name":"Extra seats","currency":"USD","instanceType":"multiple","rateCards":[
                  {"type":"flat_fee","key":"platform","name":"Seat","billingCadence":"P1M","price":{"type":"flat","amount":"5","paymentTerm":"in_advance"}}]}""");
        sso = publishAddon("""
                {"key":"sso_pack","name":"SSO pack","currency":"USD","instanceType":"single","rateCards":[
                  {"type":"flat_fee","key":"sso","name":"SSO","featureKey":"sso","billingCadence":"P1M","price":{"type":"flat","amount":"50","paymentTerm":"in_advance"}}]}""");
        String plan = http.post("/api/v1/plans", OpenMeterPlansContractTest.PRO, auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/plans/" + plan + "/addons", "{\"addonId\":\"" + seats + "\",\"fromPlanPhase\":\"trial\",\"maxQuantity\":5}", auth())
                .expect(201);
        http.post("/api/v1/plans/" + plan + "/addons", "{\"addonId\":\"" + sso + "\",\"fromPlanPhase\":\"main\"}", auth()).expect(201);
        http.post("/api/v1/plans/" + plan + "/publish", "", auth()).expect(200);
        http.post("/api/v1/customers", "{\"name\":\"ACME\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme\"]}}", auth())
                .expect(201);
        subscription = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"}}", 201).get("id").asText();
    }

    String publishAddon(String body) {
        String id = http.post("/api/v1/addons", body, auth()).expect(201).json().get("id").asText();
        http.post("/api/v1/addons/" + id + "/publish", "", auth()).expect(200);
        return id;
    }

    void at(Instant instant) {
        clock.set(instant);
        token = http.post("/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(200).json()
                .get("access_token").asText();
    }

    String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    JsonNode post(String path, String body, int status) {
        return http.post(path, body, auth()).expect(status).conformsTo(OPENMETER).json();
    }

    String addons() {
        return "/api/v1/subscriptions/" + subscription + "/addons";
    }

    @Test
    void quantitiesChangeOverTimeInSegments() {
        assertEquals(0, http.get(addons(), auth()).expect(200).conformsTo(OPENMETER).json().size());
        JsonNode bought = post(addons(), "{\"name\":\"Extra seats\",\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":3,\"timing\":\"immediate\"}",
                201);
        String id = bought.get("id").asText();
        assertEquals(3, bought.get("quantity").asInt());
        assertEquals("multiple", bought.get("addon").get("instanceType").asText());
        assertEquals("seats", bought.get("addon").get("key").asText());
        assertEquals(1, bought.get("timeline").size());
        assertFalse(bought.get("timeline").get(0).has("activeTo"));
        JsonNode card = bought.get("rateCards").get(0);
        assertEquals("platform", card.get("rateCard").get("key").asText());
        assertEquals(2, card.get("affectedSubscriptionItemIds").size(), "the platform item of both phases");

        JsonNode again = post(addons(), "{\"name\":\"More\",\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":1,\"timing\":\"immediate\"}", 409);
        assertTrue(again.get("detail").asText().contains("change its quantity instead"), again.toString());
        post(addons(), "{\"name\":\"Lots\",\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":6,\"timing\":\"immediate\"}", 409);

        // Next billing cycle: the trial's end. The quantity now stays 3 until then.
        JsonNode more = http.patch(addons() + "/" + id, "{\"quantity\":5,\"timing\":\"next_billing_cycle\"}", auth()).expect(200)
                .conformsTo(OPENMETER).json();
        assertEquals(3, more.get("quantity").asInt());
        assertEquals(2, more.get("timeline").size());
        assertEquals("2030-01-24T00:00:00Z", Instant.parse(more.get("timeline").get(0).get("activeTo").asText()).toString());
        assertEquals(5, more.get("timeline").get(1).get("quantity").asInt());
        http.patch(addons() + "/" + id, "{\"quantity\":6}", auth()).expect(400).conformsTo(OPENMETER);

        at(Instant.parse("2030-01-25T00:00:00Z"));
        JsonNode later = http.get(addons() + "/" + id, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(5, later.get("quantity").asInt());
        JsonNode canceled = http.patch(addons() + "/" + id, "{\"quantity\":0,\"name\":\"No seats\"}", auth()).expect(200)
                .conformsTo(OPENMETER).json();
        assertEquals(0, canceled.get("quantity").asInt());
        assertEquals("No seats", canceled.get("name").asText());
        assertEquals(3, canceled.get("timeline").size());
        assertTrue(canceled.has("activeTo"), "no instances from now on");
        assertEquals(1, http.get(addons(), auth()).expect(200).conformsTo(OPENMETER).json().size());
    }

    @Test
    void onlyWhatThePlanOffersFromItsPhase() {
        JsonNode early = post(addons(), "{\"name\":\"SSO\",\"addon\":{\"id\":\"" + sso + "\"},\"quantity\":1,\"timing\":\"immediate\"}", 400);
        assertTrue(early.get("detail").asText().contains("available from phase 'main'"), early.toString());
        JsonNode twice = post(addons(), "{\"name\":\"SSO\",\"addon\":{\"id\":\"" + sso + "\"},\"quantity\":2,\"timing\":\"2030-01-24T00:00:00Z\"}",
                400);
        assertTrue(twice.get("detail").asText().contains("single-instance"), twice.toString());
        JsonNode single = post(addons(), "{\"name\":\"SSO\",\"addon\":{\"id\":\"" + sso + "\"},\"quantity\":1,\"timing\":\"2030-01-24T00:00:00Z\"}",
                201);
        assertEquals("2030-01-24T00:00:00Z", Instant.parse(single.get("activeFrom").asText()).toString());
        assertEquals(1, single.get("quantity").asInt(), "read at its start while it has not begun");

        String other = http.post("/api/v1/addons", "{\"key\":\"other\",\"name\":\"Other\",\"currency\":\"USD\",\"instanceType\":\"single\",\"rateCards\":["
                + "{\"type\":\"flat_fee\",\"key\":\"x\",\"name\":\"X\",\"billingCadence\":null,\"price\":null}]}", auth()).expect(201).json().get("id")
                .asText();
        assertTrue(post(addons(), "{\"name\":\"X\",\"addon\":{\"id\":\"" + other + "\"},\"quantity\":1,\"timing\":\"immediate\"}", 400)
                .get("detail").asText().contains("does not offer"));
        post(addons(), "{\"name\":\"X\",\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":1}", 400); // timing is required
        post(addons(), "{\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":1,\"timing\":\"immediate\"}", 400); // so is the name
        post(addons(), "{\"name\":\"X\",\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":1,\"timing\":\"2029-01-01T00:00:00Z\"}", 400);
    }

    @Test
    void unknownIdsAndAnonymousCallers() {
        String missing = "/api/v1/subscriptions/01jd8x0c3fexa6k4b1n2m3p4q5/addons";
        http.get(missing, auth()).expect(404).conformsTo(OPENMETER);
        http.post(missing, "{\"name\":\"X\",\"addon\":{\"id\":\"" + seats + "\"},\"quantity\":1,\"timing\":\"immediate\"}", auth()).expect(404)
                .conformsTo(OPENMETER);
        http.get(addons() + "/01jd8x0c3fexa6k4b1n2m3p4q5", auth()).expect(404).conformsTo(OPENMETER);
        http.patch(addons() + "/01jd8x0c3fexa6k4b1n2m3p4q5", "{\"quantity\":1}", auth()).expect(404).conformsTo(OPENMETER);
        http.get(addons()).expect(401).conformsTo(OPENMETER);
        http.post(addons(), "{}").expect(401).conformsTo(OPENMETER);
        http.get(addons() + "/01jd8x0c3fexa6k4b1n2m3p4q5").expect(401).conformsTo(OPENMETER);
        http.patch(addons() + "/01jd8x0c3fexa6k4b1n2m3p4q5", "{}").expect(401).conformsTo(OPENMETER);
    }
}

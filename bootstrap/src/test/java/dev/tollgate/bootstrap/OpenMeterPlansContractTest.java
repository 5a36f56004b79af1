package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's plans over real HTTP, validated against openmeter.yaml: versions per key, one draft, publishing
 * archiving the version it replaces, and every rule of phases and rate cards reported with its code. Rate cards name
 * features, which check their meters in metering, so this runs in the deployable.
 */
@MicronautTest(transactional = false)
class OpenMeterPlansContractTest extends HttpTest {
    static final String PRO = """
            {"key":"pro","name":"Pro","currency":"USD","billingCadence":"P1M","metadata":{"tier":"2"},
             "proRatingConfig":{"enabled":true,"mode":"prorate_prices"},
             "phases":[
              {"key":"trial","name":"Trial","duration":"P14D","rateCards":[
                {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":null,"price":null}]},
              {"key":"main","name":"Main","duration":null,"rateCards":[
                {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                 "price":{"type":"flat","amount":"100","paymentTerm":"in_advance"},
                 "discounts":{"percentage":{"percentage":10}},
                 "taxConfig":{"behavior":"exclusive","stripe":{"code":"txcd_10000000"}}},
                {"type":"usage_based","key":"api_calls","name":"API calls","featureKey":"api_calls","billingCadence":"P1M",
                 "price":{"type":"tiered","mode":"graduated","tiers":[
                    {"upToAmount":"1000","flatPrice":null,"unitPrice":{"type":"unit","amount":"0.10"}},
                    {"flatPrice":null,"unitPrice":{"type":"unit","amount":"0.05"}}],
                    "minimumAmount":"10","maximumAmount":"500"},
                 "discounts":{"usage":{"quantity":"100"}},
                 "entitlementTemplate":{"type":"metered","isSoftLimit":true,"issueAfterReset":1000,"usagePeriod":"P1M"}},
                {"type":"flat_fee","key":"sso","name":"SSO","featureKey":"sso","billingCadence":"P1Y","price":null,
                 "entitlementTemplate":{"type":"static","config":"{\\"domains\\":3}"}}]}]}""";
    String token;

    @BeforeEach
    void namespaceWithFeatures() {
        token = signUpOwner();
        http.post("/api/v1/meters", """
                {"slug":"calls","aggregation":"COUNT","eventType":"call"}""", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", auth()).expect(201);
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private JsonNode post(String path, String body, int status) {
        return http.post(path, body, auth()).expect(status).conformsTo(OPENMETER).json();
    }

    private JsonNode get(String path) {
        return http.get(path, auth()).expect(200).conformsTo(OPENMETER).json();
    }

    @Test
    void aPlanIsDraftedPublishedReplacedByItsNextVersionAndArchived() {
        JsonNode v1 = post("/api/v1/plans", PRO, 201);
        String id1 = v1.get("id").asText();
        assertEquals("draft", v1.get("status").asText());
        assertEquals(1, v1.get("version").asInt());
        assertEquals(0, v1.get("validationErrors").size(), v1.toString());
        JsonNode trial = v1.get("phases").get(0);
        assertTrue(trial.get("rateCards").get(0).get("price").isNull(), "a free rate card shows price null");
        assertTrue(v1.get("phases").get(1).get("duration").isNull(), "the last phase is open-ended");
        assertEquals(v1, get("/api/v1/plans/" + id1), "a read returns exactly what the creation answered");
        http.get("/api/v1/plans/pro", auth()).expect(404).conformsTo(OPENMETER); // a key names the active version: none yet
        assertEquals(id1, get("/api/v1/plans/pro?includeLatest=true").get("id").asText());

        // One draft per key.
        assertTrue(http.post("/api/v1/plans", PRO, auth()).expect(400).conformsTo(OPENMETER).body().contains("only a single draft"));

        JsonNode published = post("/api/v1/plans/" + id1 + "/publish", "", 200);
        assertEquals("active", published.get("status").asText());
        assertTrue(published.get("validationErrors").isNull(), "a published version carries no validation errors");
        assertTrue(http.put("/api/v1/plans/" + id1, PRO, auth()).expect(400).conformsTo(OPENMETER).body()
                .contains("only draft or scheduled plans can be updated"));
        assertTrue(http.delete("/api/v1/plans/" + id1, auth()).expect(400).conformsTo(OPENMETER).body().contains("archive it first"));

        // The next version is a new draft; publishing it archives version 1 at the same instant.
        JsonNode v2 = post("/api/v1/plans", PRO.replace("\"name\":\"Pro\"", "\"name\":\"Pro 2\""), 201);
        assertEquals(2, v2.get("version").asInt());
        JsonNode updated = http.put("/api/v1/plans/" + v2.get("id").asText(), PRO.replace("\"name\":\"Pro\"", "\"name\":\"Pro two\""),
                auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("Pro two", updated.get("name").asText());
        JsonNode active2 = post("/api/v1/plans/" + v2.get("id").asText() + "/publish", "", 200);
        JsonNode archived1 = get("/api/v1/plans/" + id1);
        assertEquals("archived", archived1.get("status").asText());
        assertEquals(active2.get("effectiveFrom"), archived1.get("effectiveTo"));
        assertEquals(2, get("/api/v1/plans/pro").get("version").asInt());

        // nextPlan copies the latest published version into version 3.
        JsonNode v3 = post("/api/v1/plans/pro/next", "", 201);
        assertEquals(3, v3.get("version").asInt());
        assertEquals("draft", v3.get("status").asText());
        assertEquals(active2.get("phases"), v3.get("phases"));
        http.post("/api/v1/plans/pro/next", "", auth()).expect(400).conformsTo(OPENMETER);

        JsonNode list = get("/api/v1/plans?orderBy=version&order=DESC");
        assertEquals(3, list.get("totalCount").asInt());
        assertEquals(3, list.get("items").get(0).get("version").asInt());
        assertEquals(1, get("/api/v1/plans?status=active").get("totalCount").asInt());
        assertEquals(2, get("/api/v1/plans?status=active&status=draft").get("totalCount").asInt());
        assertEquals(1, get("/api/v1/plans?keyVersion[pro]=1").get("totalCount").asInt());
        assertEquals(0, get("/api/v1/plans?currency=EUR").get("totalCount").asInt());
        assertEquals(1, get("/api/v1/plans?page=2&pageSize=2").get("items").size());

        http.delete("/api/v1/plans/" + v3.get("id").asText(), auth()).expect(204);
        assertEquals(2, get("/api/v1/plans").get("totalCount").asInt());
        assertEquals(3, get("/api/v1/plans?includeDeleted=true").get("totalCount").asInt());
        assertTrue(get("/api/v1/plans/" + v3.get("id").asText()).has("deletedAt"));
        JsonNode archived2 = post("/api/v1/plans/" + v2.get("id").asText() + "/archive", "", 200);
        assertEquals("archived", archived2.get("status").asText());
        http.get("/api/v1/plans/pro", auth()).expect(404).conformsTo(OPENMETER);
        // A deleted draft's number is not reused.
        assertEquals(4, post("/api/v1/plans", PRO, 201).get("version").asInt());

        token = signUpOwner(); // another organization sees none of it
        http.get("/api/v1/plans/" + id1, auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(0, get("/api/v1/plans").get("totalCount").asInt());
    }

    @Test
    void everyRuleOfPhasesAndRateCardsIsReportedWithItsCode() {
        String bad = """
                {"key":"bad","name":"Bad","currency":"usd","billingCadence":"P1M","phases":[
                  {"key":"main","name":"Main","duration":"P1M","rateCards":[
                    {"type":"usage_based","key":"calls","name":"Calls","featureKey":"api_calls","billingCadence":"P1W",
                     "price":{"type":"tiered","mode":"graduated","tiers":[{"upToAmount":"10","unitPrice":{"type":"unit","amount":"1"}}]}},
                    {"type":"flat_fee","key":"fee","name":"Fee","billingCadence":"P1M","price":{"type":"flat","amount":"ten"},
                     "entitlementTemplate":{"type":"boolean"}},
                    {"type":"flat_fee","key":"fee","name":"Fee","billingCadence":"PT5M","price":null}]},
                  {"key":"main","name":"Again","duration":null,"rateCards":[]}]}""";
        JsonNode problem = post("/api/v1/plans", bad, 400);
        List<String> codes = new ArrayList<>();
        problem.get("extensions").get("validationErrors").forEach(e -> codes.add(e.get("code").asText() + "@" + e.get("field").asText()));
        for (String expected : List.of("currency_invalid@currency",
                "rate_card_key_feature_key_mismatch@phases/0/rateCards/0/key",
                "rate_card_billing_cadence_unaligned@phases/0/rateCards/0/billingCadence",
                "invalid_value@phases/0/rateCards/0/price/tiers",
                "invalid_numeric@phases/0/rateCards/1/price/amount",
                "entitlement_template_with_no_feature@phases/0/rateCards/1/entitlementTemplate",
                "billing_cadence_invalid_value@phases/0/rateCards/2/billingCadence",
                "rate_card_duplicated_key@phases/0/rateCards/2/key",
                "plan_phase_duplicated_key@phases/1/key")) {
            assertTrue(codes.contains(expected), expected + " missing from " + codes);
        }
        assertTrue(problem.get("detail").asText().startsWith("currency: must be a three-letter"), problem.toString());

        String[][] cases = {
                {"{\"name\":\"x\",\"billingCadence\":\"P1M\",\"phases\":[]}", "key"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"P2D\",\"phases\":[{\"key\":\"a\",\"name\":\"a\",\"rateCards\":[]}]}",
                        "plan_billing_cadence_invalid"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"P1M\",\"phases\":[]}", "plan_with_no_phases"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"P1M\",\"phases\":[{\"key\":\"a\",\"name\":\"a\",\"rateCards\":[]},"
                        + "{\"key\":\"b\",\"name\":\"b\",\"rateCards\":[]}]}", "plan_has_non_last_phase_with_no_duration"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"1 month\",\"phases\":[]}", "is not an ISO-8601 duration"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"P1M\",\"phases\":[{\"key\":\"a\",\"name\":\"a\",\"rateCards\":["
                        + "{\"type\":\"flat_fee\",\"key\":\"f\",\"name\":\"f\",\"billingCadence\":\"P1M\",\"price\":{\"type\":\"unit\",\"amount\":\"1\"}}]}]}",
                        "must be one of [flat]"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"P1M\",\"phases\":[{\"key\":\"a\",\"name\":\"a\",\"rateCards\":["
                        + "{\"type\":\"flat_fee\",\"key\":\"sso\",\"name\":\"f\",\"featureKey\":\"sso\",\"billingCadence\":null,\"price\":null,"
                        + "\"entitlementTemplate\":{\"type\":\"static\",\"config\":\"[1]\"}}]}]}", "entitlement_template_invalid_json_config"},
                {"{\"key\":\"x\",\"name\":\"x\",\"billingCadence\":\"P1M\",\"phases\":[{\"key\":\"a\",\"name\":\"a\",\"rateCards\":["
                        + "{\"type\":\"usage_based\",\"key\":\"u\",\"name\":\"u\",\"billingCadence\":\"P1M\",\"price\":{\"type\":\"package\","
                        + "\"amount\":\"5\",\"quantityPerPackage\":\"0\",\"minimumAmount\":\"9\",\"maximumAmount\":\"1\"}}]}]}",
                        "must not be greater than maximumAmount"},
        };
        for (String[] c : cases) {
            String body = http.post("/api/v1/plans", c[0], auth()).expect(400).conformsTo(OPENMETER).body();
            assertTrue(body.contains(c[1]), c[0] + " -> " + body);
        }
        http.get("/api/v1/plans?status=retired", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/plans?orderBy=price", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/plans?id=nope", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/plans/01jd8x0c3fexa6k4b1n2m3p4q5", auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/plans").expect(401).conformsTo(OPENMETER);
    }

    @Test
    void aDraftNamingAMissingFeatureShowsItAndCannotBePublished() {
        JsonNode draft = post("/api/v1/plans", PRO.replace("\"featureKey\":\"sso\"", "\"featureKey\":\"saml\"").replace("\"key\":\"sso\"",
                "\"key\":\"saml\""), 201);
        JsonNode errors = draft.get("validationErrors");
        assertEquals(1, errors.size(), draft.toString());
        assertEquals("rate_card_feature_not_found", errors.get(0).get("code").asText());
        assertEquals("phases/1/rateCards/2/featureKey", errors.get(0).get("field").asText());
        String id = draft.get("id").asText();
        assertTrue(http.post("/api/v1/plans/" + id + "/publish", "", auth()).expect(400).conformsTo(OPENMETER).body().contains("saml"));
        // Archiving a feature a draft uses makes the draft unpublishable too.
        JsonNode ok = post("/api/v1/plans", "{\"key\":\"basic\",\"name\":\"Basic\",\"currency\":\"USD\",\"billingCadence\":\"P1M\",\"phases\":[{\"key\":\"main\","
                + "\"name\":\"Main\",\"duration\":null,\"rateCards\":[{\"type\":\"flat_fee\",\"key\":\"sso\",\"name\":\"SSO\",\"featureKey\":\"sso\","
                + "\"billingCadence\":null,\"price\":null,\"entitlementTemplate\":{\"type\":\"boolean\"}}]}]}", 201);
        assertEquals(0, ok.get("validationErrors").size());
        http.delete("/api/v1/features/sso", auth()).expect(204);
        assertEquals(1, get("/api/v1/plans/" + ok.get("id").asText()).get("validationErrors").size());
    }

    @Test
    void addOnsAreVersionedAndOfferedWithDraftPlans() {
        JsonNode seats = post("/api/v1/addons", """
                {"key":"seats","name":"Extra seats","instanceType":"multiple","currency":"USD","rateCards":[
                  {"type":"flat_fee","key":"seat","name":"Seat","billingCadence":"P1M","price":{"type":"flat","amount":"15"}}]}""", 201);
        assertEquals("draft", seats.get("status").asText());
        assertEquals("in_advance", seats.get("rateCards").get(0).get("price").get("paymentTerm").asText(), "the default payment term");
        String seatsId = seats.get("id").asText();
        assertEquals("active", post("/api/v1/addons/" + seatsId + "/publish", "", 200).get("status").asText());
        assertEquals(seatsId, get("/api/v1/addons/seats").get("id").asText());
        http.post("/api/v1/addons", """
                {"key":"burst","name":"Burst","instanceType":"multiple","currency":"USD","rateCards":[
                  {"type":"usage_based","key":"calls","name":"Calls","billingCadence":"P1M","price":{"type":"unit","amount":"1"}}]}""",
                auth()).expect(400).conformsTo(OPENMETER);
        JsonNode euro = post("/api/v1/addons", """
                {"key":"support","name":"Support","instanceType":"single","currency":"EUR","rateCards":[
                  {"type":"flat_fee","key":"support","name":"Support","billingCadence":"P1M","price":{"type":"flat","amount":"99"}}]}""", 201);

        String planId = post("/api/v1/plans", PRO, 201).get("id").asText();
        String base = "/api/v1/plans/" + planId + "/addons";
        http.post(base, "{\"addonId\":\"" + seatsId + "\",\"fromPlanPhase\":\"main\"}", auth()).expect(400).conformsTo(OPENMETER);
        http.post(base, "{\"addonId\":\"" + seatsId + "\",\"fromPlanPhase\":\"gold\",\"maxQuantity\":5}", auth()).expect(400)
                .conformsTo(OPENMETER);
        assertTrue(http.post(base, "{\"addonId\":\"" + euro.get("id").asText() + "\",\"fromPlanPhase\":\"main\"}", auth())
                .expect(400).conformsTo(OPENMETER).body().contains("plan_addon_currency_mismatch"));
        JsonNode offer = post(base, "{\"addonId\":\"" + seatsId + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}", 201);
        assertEquals("seats", offer.get("addon").get("key").asText());
        assertEquals(5, offer.get("maxQuantity").asInt());
        http.post(base, "{\"addonId\":\"" + seatsId + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":5}", auth()).expect(409)
                .conformsTo(OPENMETER);
        assertEquals(offer, get(base + "/seats"));
        assertEquals(offer, get(base + "/" + seatsId));
        assertEquals(1, get(base).get("totalCount").asInt());
        assertEquals(0, get(base + "?key=other").get("totalCount").asInt());
        assertEquals(10, http.put(base + "/" + seatsId, "{\"fromPlanPhase\":\"trial\",\"maxQuantity\":10}", auth()).expect(200)
                .conformsTo(OPENMETER).json().get("maxQuantity").asInt());
        // a draft plan's offer can be withdrawn (and made again)
        http.delete(base + "/" + seatsId, auth()).expect(204);
        assertEquals(0, get(base).get("totalCount").asInt());
        post(base, "{\"addonId\":\"" + seatsId + "\",\"fromPlanPhase\":\"main\",\"maxQuantity\":10}", 201);
        // a draft add-on is replaced whole
        JsonNode renamed = http.put("/api/v1/addons/" + euro.get("id").asText(), """
                {"name":"Premium support","instanceType":"single","rateCards":[
                  {"type":"flat_fee","key":"support","name":"Support","billingCadence":"P1M","price":{"type":"flat","amount":"149"}}]}""",
                auth()).expect(200).json();
        assertEquals("Premium support", renamed.get("name").asText());
        assertEquals("149", renamed.get("rateCards").get(0).get("price").get("amount").asText());

        post("/api/v1/plans/" + planId + "/publish", "", 200);
        http.delete(base + "/" + seatsId, auth()).expect(400).conformsTo(OPENMETER);
        assertEquals(1, get("/api/v1/plans/pro/addons").get("totalCount").asInt());
        JsonNode archived = post("/api/v1/addons/" + seatsId + "/archive", "", 200);
        assertEquals("archived", archived.get("status").asText());
        http.delete("/api/v1/addons/" + seatsId, auth()).expect(204);
        assertFalse(get("/api/v1/addons").toString().contains(seatsId));
        assertTrue(get("/api/v1/addons?includeDeleted=true").toString().contains(seatsId));
    }
}

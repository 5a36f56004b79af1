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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's subscriptions over real HTTP, validated against openmeter.yaml, on a clock the test moves: phases laid out
 * from the plan, billing periods aligned to the anchor and clipped to the phase, one subscription per customer at a
 * time, and the lifecycle (cancel, continue, change, migrate, delete, restore) with its timing rules.
 */
@MicronautTest(transactional = false)
class OpenMeterSubscriptionsContractTest extends HttpTest {
    static final Instant T0 = Instant.parse("2030-01-10T00:00:00Z");
    static final String BASIC = """
            {"key":"basic","name":"Basic","currency":"USD","billingCadence":"P1M","phases":[
              {"key":"main","name":"Main","duration":null,"rateCards":[
                {"type":"flat_fee","key":"platform","name":"Platform","billingCadence":"P1M",
                 "price":{"type":"flat","amount":"20","paymentTerm":"in_advance"}}]}]}""";
    @Inject
    MutableClock clock;
    @Inject
    io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
    String token;
    String email;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @BeforeEach
    void namespaceWithPlansAndACustomer() {
        clock.set(T0);
        email = "subscriber-" + java.util.UUID.randomUUID() + "@example.com";
        token = http.post("/v1/auth/signup", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(201).json()
                .get("access_token").asText();
        http.post("/api/v1/meters", """
                {"slug":"calls","aggregation":"COUNT","eventType":"call"}""", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", auth()).expect(201);
        publish(OpenMeterPlansContractTest.PRO);
        publish(BASIC);
        http.post("/api/v1/customers", "{\"name\":\"ACME\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme\"]}}", auth())
                .expect(201);
    }

    /** Moves the clock; a JWT from before may have expired there, so the owner signs in again. */
    void at(Instant instant) {
        clock.set(instant);
        token = http.post("/v1/auth/login", "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}").expect(200).json()
                .get("access_token").asText();
    }

    String publish(String plan) {
        String id = post("/api/v1/plans", plan, 201).get("id").asText();
        post("/api/v1/plans/" + id + "/publish", "", 200);
        return id;
    }

    String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    JsonNode post(String path, String body, int status) {
        return http.post(path, body, auth()).expect(status).conformsTo(OPENMETER).json();
    }

    JsonNode get(String path) {
        return http.get(path, auth()).expect(200).conformsTo(OPENMETER).json();
    }

    static String instant(JsonNode node) {
        return Instant.parse(node.asText()).toString();
    }

    @Test
    void aPlanSubscriptionLaysOutItsPhasesAndAlignsItsBillingPeriods() {
        JsonNode created = post("/api/v1/subscriptions", """
                {"customerKey":"acme","plan":{"key":"pro"},"metadata":{"crm":"123"}}""", 201);
        String id = created.get("id").asText();
        assertEquals("active", created.get("status").asText());
        assertEquals("Pro", created.get("name").asText(), "the name defaults to the plan's");
        assertEquals("pro", created.get("plan").get("key").asText());
        assertEquals(1, created.get("plan").get("version").asInt());
        assertEquals("P1M", created.get("billingCadence").asText());
        assertEquals(T0.toString(), instant(created.get("billingAnchor")));
        assertEquals(T0.toString(), instant(created.get("activeFrom")));
        assertFalse(created.has("activeTo"));

        JsonNode expanded = get("/api/v1/subscriptions/" + id);
        JsonNode phases = expanded.get("phases");
        assertEquals(2, phases.size());
        assertEquals("trial", phases.get(0).get("key").asText());
        assertEquals("2030-01-24T00:00:00Z", instant(phases.get(0).get("activeTo")));
        assertEquals("2030-01-24T00:00:00Z", instant(phases.get(1).get("activeFrom")));
        assertFalse(phases.get(1).has("activeTo"), "the last phase never ends");
        JsonNode trialItem = phases.get(0).get("items").get(0);
        assertTrue(trialItem.get("price").isNull() && trialItem.get("billingCadence").isNull(), "a free one-time item writes both as null");
        JsonNode mainItems = phases.get(1).get("items");
        assertEquals(3, mainItems.size());
        assertEquals("graduated", mainItems.get(1).get("price").get("mode").asText(), "the rate card's price is kept whole");
        assertEquals(3, phases.get(1).get("itemTimelines").size());
        JsonNode period = expanded.get("alignment").get("currentAlignedBillingPeriod");
        assertEquals("2030-01-24T00:00:00Z", instant(period.get("to")), "the trial's end cuts the first period");
        JsonNode later = get("/api/v1/subscriptions/" + id + "?at=2030-03-01T00:00:00Z").get("alignment").get("currentAlignedBillingPeriod");
        assertEquals("2030-02-10T00:00:00Z", instant(later.get("from")));
        assertEquals("2030-03-10T00:00:00Z", instant(later.get("to")));
        assertEquals("scheduled", get("/api/v1/subscriptions/" + id + "?at=2030-01-01T00:00:00Z").get("status").asText());

        // One subscription per customer at a time.
        JsonNode conflict = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"basic\"}}", 409);
        JsonNode error = conflict.get("extensions").get("validationErrors").get(0);
        assertEquals("only_single_subscription_allowed_per_customer_at_a_time", error.get("code").asText());
        assertTrue(error.get("message").asText().contains(id), conflict.toString());

        JsonNode list = get("/api/v1/customers/acme/subscriptions");
        assertEquals(1, list.get("totalCount").asInt());
        assertEquals(id, list.get("items").get(0).get("id").asText());
        assertEquals(0, get("/api/v1/customers/acme/subscriptions?status=scheduled").get("items").size());
        assertEquals(1, get("/api/v1/customers/acme/subscriptions?status=active&status=canceled&orderBy=activeTo&order=DESC")
                .get("totalCount").asInt());
        http.get("/api/v1/customers/acme/subscriptions?status=paused", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/customers/acme/subscriptions?orderBy=name", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/customers/nobody/subscriptions", auth()).expect(404).conformsTo(OPENMETER);
    }

    @Test
    void cancelingFollowsBillingPeriodsAndCanBeUndone() {
        String id = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"}}", 201).get("id").asText();
        at(T0.plus(Duration.ofDays(2)));

        JsonNode misaligned = post("/api/v1/subscriptions/" + id + "/cancel", "{\"timing\":\"2030-01-15T00:00:00Z\"}", 400);
        assertEquals("timing", misaligned.get("extensions").get("validationErrors").get(0).get("field").asText());
        assertTrue(misaligned.get("detail").asText().contains("misaligned"), misaligned.toString());
        post("/api/v1/subscriptions/" + id + "/cancel", "{\"timing\":\"2030-01-10T00:00:00Z\"}", 400); // a boundary, but in the past
        post("/api/v1/subscriptions/" + id + "/cancel", "{\"timing\":\"whenever\"}", 400);

        JsonNode canceled = post("/api/v1/subscriptions/" + id + "/cancel", "{\"timing\":\"next_billing_cycle\"}", 200);
        assertEquals("canceled", canceled.get("status").asText());
        assertEquals("2030-01-24T00:00:00Z", instant(canceled.get("activeTo")));
        JsonNode twice = post("/api/v1/subscriptions/" + id + "/cancel", "{}", 409);
        assertTrue(twice.get("detail").asText().contains("cannot cancel a subscription that is canceled"), twice.toString());

        JsonNode continued = post("/api/v1/subscriptions/" + id + "/unschedule-cancelation", "", 200);
        assertEquals("active", continued.get("status").asText());
        assertFalse(continued.has("activeTo"));
        post("/api/v1/subscriptions/" + id + "/unschedule-cancelation", "", 409);

        // An aligned timestamp: the start of the main phase's second period.
        JsonNode atBoundary = post("/api/v1/subscriptions/" + id + "/cancel", "{\"timing\":\"2030-02-10T00:00:00Z\"}", 200);
        assertEquals("2030-02-10T00:00:00Z", instant(atBoundary.get("activeTo")));
        at(Instant.parse("2030-02-10T00:00:00Z"));
        assertEquals("inactive", get("/api/v1/subscriptions/" + id).get("status").asText());
        assertEquals(1, get("/api/v1/customers/acme/subscriptions?status=inactive").get("totalCount").asInt());
        // The customer is free again from there.
        JsonNode next = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"basic\"}}", 201);
        assertEquals("active", next.get("status").asText());

        // Immediate is the default, with or without a body (the document requires one; clients leave it out all the same).
        JsonNode now = http.unchecked().post("/api/v1/subscriptions/" + next.get("id").asText() + "/cancel", "", auth()).expect(200).json();
        assertEquals("inactive", now.get("status").asText());
        assertEquals(instant(now.get("activeFrom")), instant(now.get("activeTo")));
    }

    @Test
    void aChangeEndsTheCurrentSubscriptionAndSchedulesTheNext() {
        String id = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"},\"startingPhase\":\"main\"}", 201)
                .get("id").asText();
        at(T0.plus(Duration.ofDays(3)));
        post("/api/v1/subscriptions/" + id + "/change", "{\"plan\":{\"key\":\"basic\"}}", 400); // timing is required
        post("/api/v1/subscriptions/" + id + "/change", "{\"timing\":\"next_billing_cycle\",\"plan\":{\"key\":\"gold\"}}", 400);

        JsonNode change = post("/api/v1/subscriptions/" + id + "/change", """
                {"timing":"next_billing_cycle","plan":{"key":"basic"},"name":"ACME Basic"}""", 200);
        JsonNode current = change.get("current");
        JsonNode next = change.get("next");
        String nextId = next.get("id").asText();
        assertEquals("2030-02-10T00:00:00Z", instant(current.get("activeTo")));
        assertEquals("canceled", current.get("status").asText());
        assertEquals(nextId, current.get("annotations").get("subscription.superseding.id").asText());
        assertEquals(id, next.get("annotations").get("subscription.previous.id").asText());
        assertEquals("scheduled", next.get("status").asText());
        assertEquals("ACME Basic", next.get("name").asText());
        assertEquals("2030-02-10T00:00:00Z", instant(next.get("activeFrom")));
        // The anchor is kept: shown normalised to the next one's start, periods still fall on the 10th.
        assertEquals("2030-02-10T00:00:00Z", instant(next.get("billingAnchor")));
        assertEquals("2030-03-10T00:00:00Z", instant(get("/api/v1/subscriptions/" + nextId + "?at=2030-02-11T00:00:00Z").get("alignment")
                .get("currentAlignedBillingPeriod").get("to")));
        assertEquals("basic", next.get("plan").get("key").asText());
        assertEquals(1, get("/api/v1/customers/acme/subscriptions?status=scheduled").get("totalCount").asInt());
        assertEquals(java.util.List.of("SubscriptionCreated", "SubscriptionCanceled", "SubscriptionCreated", "SubscriptionChanged"),
                events(current.get("customerId").asText()), "the change is announced in order, for billing");

        // The next one is in the way of continuing the current one, until it is deleted.
        JsonNode blocked = post("/api/v1/subscriptions/" + id + "/unschedule-cancelation", "", 409);
        assertEquals("only_single_subscription_allowed_per_customer_at_a_time",
                blocked.get("extensions").get("validationErrors").get(0).get("code").asText());
        assertTrue(http.delete("/api/v1/subscriptions/" + id, auth()).expect(409).conformsTo(OPENMETER).body()
                .contains("only scheduled subscriptions can"));
        http.delete("/api/v1/subscriptions/" + nextId, auth()).expect(204);
        JsonNode deleted = get("/api/v1/subscriptions/" + nextId);
        assertEquals("inactive", deleted.get("status").asText());
        assertTrue(deleted.has("deletedAt"));
        assertEquals("active", post("/api/v1/subscriptions/" + id + "/unschedule-cancelation", "", 200).get("status").asText());

        // restore: continues a canceled subscription and deletes what was scheduled after it.
        String scheduled = post("/api/v1/subscriptions/" + id + "/change", "{\"timing\":\"next_billing_cycle\",\"plan\":{\"key\":\"basic\"}}", 200)
                .get("next").get("id").asText();
        JsonNode restored = post("/api/v1/subscriptions/" + id + "/restore", "", 200);
        assertEquals("active", restored.get("status").asText());
        assertTrue(get("/api/v1/subscriptions/" + scheduled).has("deletedAt"));
        post("/api/v1/subscriptions/" + id + "/restore", "", 409);

        // Immediately: the current one ends now, the next runs from now.
        JsonNode immediate = post("/api/v1/subscriptions/" + id + "/change", "{\"timing\":\"immediate\",\"customPlan\":" + customPlan() + "}", 200);
        assertEquals("inactive", immediate.get("current").get("status").asText());
        assertEquals("active", immediate.get("next").get("status").asText());
        assertFalse(immediate.get("next").has("plan"), "a custom plan has no catalog reference");
    }

    @Test
    void aMigrationMovesToALaterVersionOfThePlan() {
        String id = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"}}", 201).get("id").asText();
        JsonNode same = post("/api/v1/subscriptions/" + id + "/migrate", "{}", 400);
        assertTrue(same.get("detail").asText().contains("must be greater than"), same.toString());
        publish(OpenMeterPlansContractTest.PRO.replace("\"name\":\"Pro\"", "\"name\":\"Pro 2\""));
        post("/api/v1/subscriptions/" + id + "/migrate", "{\"targetVersion\":7}", 400);
        at(T0.plus(Duration.ofHours(1)));
        JsonNode migrated = post("/api/v1/subscriptions/" + id + "/migrate", "{\"targetVersion\":2,\"startingPhase\":\"main\"}", 200);
        assertEquals(2, migrated.get("next").get("plan").get("version").asInt());
        assertEquals("Pro", migrated.get("next").get("name").asText(), "the subscription keeps its name");
        assertEquals("main", migrated.get("next").get("phases").get(0).get("key").asText());
        assertEquals("inactive", migrated.get("current").get("status").asText());

        String custom = migrated.get("next").get("id").asText();
        JsonNode changed = post("/api/v1/subscriptions/" + custom + "/change", "{\"timing\":\"immediate\",\"customPlan\":" + customPlan() + "}",
                200);
        JsonNode refused = post("/api/v1/subscriptions/" + changed.get("next").get("id").asText() + "/migrate", "{}", 400);
        assertTrue(refused.get("detail").asText().contains("custom plan"), refused.toString());
    }

    /** The simple names of the events the outbox holds about a customer, in order. */
    java.util.List<String> events(String customerId) {
        return transactions.executeRead(status -> {
            java.util.List<String> types = new java.util.ArrayList<>();
            try (var statement = status.getConnection().prepareStatement(
                    "SELECT type FROM outbox.events WHERE aggregate = ? ORDER BY position")) {
                statement.setString(1, "billing-customer:" + customerId);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        types.add(rows.getString(1).substring(rows.getString(1).lastIndexOf('.') + 1));
                    }
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return types;
        });
    }

    static String customPlan() {
        return """
                {"name":"Custom","currency":"USD","billingCadence":"P1M","phases":[
                  {"key":"main","name":"Main","duration":null,"rateCards":[
                    {"type":"usage_based","key":"api_calls","name":"API calls","featureKey":"api_calls","billingCadence":"P1M",
                     "price":{"type":"unit","amount":"0.01"}}]}]}""";
    }

    @Test
    void customPlansTimingAndBadRequests() {
        JsonNode custom = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"customPlan\":" + customPlan()
                + ",\"timing\":\"2030-02-01T00:00:00Z\",\"billingAnchor\":\"2030-01-31T00:00:00Z\"}", 201);
        assertEquals("scheduled", custom.get("status").asText());
        assertEquals("Custom", custom.get("name").asText());
        assertEquals("2030-01-31T00:00:00Z", instant(custom.get("billingAnchor")));
        JsonNode expanded = get("/api/v1/subscriptions/" + custom.get("id").asText() + "?at=2030-03-15T00:00:00Z");
        assertEquals("2030-03-31T00:00:00Z", instant(expanded.get("alignment").get("currentAlignedBillingPeriod").get("to")),
                "month-end anchors stay on month ends");
        post("/api/v1/subscriptions/" + custom.get("id").asText() + "/cancel", "{}", 409); // not started: delete it instead
        http.delete("/api/v1/subscriptions/" + custom.get("id").asText(), auth()).expect(204).conformsTo(OPENMETER);

        String customerId = get("/api/v1/customers/acme").get("id").asText();
        JsonNode byId = post("/api/v1/subscriptions", "{\"customerId\":\"" + customerId + "\",\"plan\":{\"key\":\"basic\",\"version\":1}}", 201);
        assertEquals(customerId, byId.get("customerId").asText());
        post("/api/v1/subscriptions/" + byId.get("id").asText() + "/cancel", "{\"timing\":\"immediate\"}", 200); // frees the customer

        String[][] cases = {
                {"{\"plan\":{\"key\":\"basic\"}}", "customerId or customerKey is required"},
                {"{\"customerKey\":\"acme\"}", "exactly one of plan"},
                {"{\"customerKey\":\"acme\",\"plan\":{\"key\":\"basic\"},\"customPlan\":{}}", "exactly one of plan"},
                {"{\"customerKey\":\"acme\",\"plan\":{\"key\":\"basic\",\"version\":3}}", "has no version 3"},
                {"{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"},\"startingPhase\":\"gold\"}", "no phase 'gold'"},
                {"{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"},\"timing\":\"2030-01-09T23:00:00Z\"}", "2 minutes in the past"},
                {"{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"},\"timing\":\"next_billing_cycle\"}", "needs a running subscription"},
                {"{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"},\"billingAnchor\":\"soon\"}", "billingAnchor"},
                {"{\"customerKey\":\"acme\",\"customPlan\":{\"name\":\"X\",\"currency\":\"USD\",\"billingCadence\":\"P2D\",\"phases\":[]}}",
                        "customPlan/billingCadence"},
        };
        for (String[] c : cases) {
            String body = http.post("/api/v1/subscriptions", c[0], auth()).expect(400).conformsTo(OPENMETER).body();
            assertTrue(body.contains(c[1]), c[0] + " -> " + body);
        }
        http.post("/api/v1/subscriptions", "{\"customerKey\":\"nobody\",\"plan\":{\"key\":\"pro\"}}", auth()).expect(404).conformsTo(OPENMETER);
    }

    @Test
    void unknownSubscriptionsAndAnonymousCallers() {
        String missing = "/api/v1/subscriptions/01jd8x0c3fexa6k4b1n2m3p4q5";
        http.get(missing, auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/subscriptions/not-an-id", auth()).expect(404).conformsTo(OPENMETER);
        http.delete(missing, auth()).expect(404).conformsTo(OPENMETER);
        for (String action : new String[] {"cancel", "unschedule-cancelation", "restore"}) {
            String body = action.equals("cancel") ? "{}" : "";
            http.post(missing + "/" + action, body, auth()).expect(404).conformsTo(OPENMETER);
            http.post(missing + "/" + action, body).expect(401).conformsTo(OPENMETER);
        }
        http.post(missing + "/change", "{\"timing\":\"immediate\",\"plan\":{\"key\":\"basic\"}}", auth()).expect(404).conformsTo(OPENMETER);
        http.post(missing + "/migrate", "{}", auth()).expect(404).conformsTo(OPENMETER);
        http.post(missing + "/change", "{}").expect(401).conformsTo(OPENMETER);
        http.post(missing + "/migrate", "{}").expect(401).conformsTo(OPENMETER);
        http.get(missing).expect(401).conformsTo(OPENMETER);
        http.delete(missing).expect(401).conformsTo(OPENMETER);
        http.post("/api/v1/subscriptions", "{}").expect(401).conformsTo(OPENMETER);
        http.get("/api/v1/customers/acme/subscriptions").expect(401).conformsTo(OPENMETER);

        token = signUpOwner(); // another organization sees none of it
        http.get("/api/v1/customers/acme/subscriptions", auth()).expect(404).conformsTo(OPENMETER);
    }

    JsonNode patch(String path, String body, int status) {
        return http.patch(path, body, auth()).expect(status).conformsTo(OPENMETER).json();
    }

    static java.util.List<String> keys(JsonNode items) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        items.forEach(item -> keys.add(item.get("key").asText()));
        return keys;
    }

    @Test
    void editsChangeTheCurrentPhaseFromTheirInstantAndLaterPhasesWhole() {
        String id = post("/api/v1/subscriptions", "{\"customerKey\":\"acme\",\"plan\":{\"key\":\"pro\"}}", 201).get("id").asText();
        String path = "/api/v1/subscriptions/" + id;
        at(T0.plus(Duration.ofDays(2)));
        String support = "{\"type\":\"flat_fee\",\"key\":\"support\",\"name\":\"Support\",\"billingCadence\":\"P1M\","
                + "\"price\":{\"type\":\"flat\",\"amount\":\"10\",\"paymentTerm\":\"in_advance\"}}";
        JsonNode edited = patch(path, "{\"customizations\":[{\"op\":\"add_item\",\"phaseKey\":\"trial\",\"rateCard\":" + support + "},"
                + "{\"op\":\"remove_item\",\"phaseKey\":\"main\",\"itemKey\":\"sso\"},"
                + "{\"op\":\"stretch_phase\",\"phaseKey\":\"trial\",\"extendBy\":\"P7D\"}]}", 200);
        assertEquals("active", edited.get("status").asText());
        JsonNode phases = get(path).get("phases");
        assertEquals(java.util.List.of("platform", "support"), keys(phases.get(0).get("items")));
        assertEquals("2030-01-12T00:00:00Z", instant(phases.get(0).get("items").get(1).get("activeFrom")), "added from the edit's instant");
        assertEquals("2030-01-31T00:00:00Z", instant(phases.get(0).get("activeTo")), "the trial stretched by a week");
        assertEquals("2030-01-31T00:00:00Z", instant(phases.get(1).get("activeFrom")));
        assertEquals(java.util.List.of("platform", "api_calls"), keys(phases.get(1).get("items")), "a later phase loses the item whole");

        // All or nothing: the second operation fails, so the first is not applied either.
        JsonNode failed = patch(path, "{\"customizations\":[{\"op\":\"remove_item\",\"phaseKey\":\"main\",\"itemKey\":\"platform\"},"
                + "{\"op\":\"remove_item\",\"phaseKey\":\"main\",\"itemKey\":\"nope\"}]}", 400);
        assertEquals("customizations/1/itemKey", failed.get("extensions").get("validationErrors").get(0).get("field").asText());
        assertEquals(2, get(path).get("phases").get(1).get("items").size());

        String[][] refused = {
                {"{\"customizations\":[],\"timing\":\"2030-02-01T00:00:00Z\"}", "not a date-time"},
                {"{\"customizations\":[],\"timing\":\"next_billing_cycle\"}", "falls into a different phase"},
                {"{\"customizations\":[{\"op\":\"add_item\",\"phaseKey\":\"trial\",\"rateCard\":" + support + "}]}", "already has item"},
                {"{\"customizations\":[{\"op\":\"add_item\",\"phaseKey\":\"main\",\"rateCard\":{\"type\":\"flat_fee\",\"key\":\"x\","
                        + "\"name\":\"X\",\"billingCadence\":\"P1M\",\"price\":{\"type\":\"unit\",\"amount\":\"1\"}}}]}",
                        "customizations/0/rateCard/price"},
                {"{\"customizations\":[{\"op\":\"remove_phase\",\"phaseKey\":\"trial\",\"shift\":\"next\"}]}", "has started"},
                {"{\"customizations\":[{\"op\":\"stretch_phase\",\"phaseKey\":\"main\",\"extendBy\":\"P1D\"}]}", "never ends"},
                {"{\"customizations\":[{\"op\":\"grow\"}]}", "customizations/0/op"},
                {"{\"customizations\":[" + "{\"op\":\"unschedule_edit\"},".repeat(100) + "{\"op\":\"unschedule_edit\"}]}", "at most 100"},
        };
        for (String[] c : refused) {
            String body = http.patch(path, c[0], auth()).expect(400).conformsTo(OPENMETER).body();
            assertTrue(body.contains(c[1]), c[0] + " -> " + body);
        }

        // Phases added after the edit's instant, removed again with the next ones moving up.
        patch(path, "{\"customizations\":[{\"op\":\"add_phase\",\"phase\":{\"startAfter\":\"P14D\",\"duration\":\"P7D\","
                + "\"key\":\"promo\",\"name\":\"Promo\"}},{\"op\":\"add_item\",\"phaseKey\":\"promo\",\"rateCard\":" + support + "}]}",
                200);
        phases = get(path).get("phases");
        assertEquals(java.util.List.of("trial", "promo", "main"), keys(phases));
        assertEquals("2030-01-24T00:00:00Z", instant(phases.get(1).get("activeFrom")));
        assertEquals("2030-02-07T00:00:00Z", instant(phases.get(2).get("activeFrom")), "later phases move by the new one's duration");
        patch(path, "{\"customizations\":[{\"op\":\"remove_phase\",\"phaseKey\":\"promo\",\"shift\":\"next\"}]}", 200);
        phases = get(path).get("phases");
        assertEquals(java.util.List.of("trial", "main"), keys(phases));
        assertEquals("2030-01-24T00:00:00Z", instant(phases.get(1).get("activeFrom")));

        // In the main phase an edit may wait for the next billing cycle, and be taken back.
        at(Instant.parse("2030-02-01T00:00:00Z"));
        patch(path, "{\"customizations\":[{\"op\":\"remove_item\",\"phaseKey\":\"main\",\"itemKey\":\"platform\"}],"
                + "\"timing\":\"next_billing_cycle\"}", 200);
        JsonNode platform = get(path).get("phases").get(1).get("items").get(0);
        assertEquals("2030-02-10T00:00:00Z", instant(platform.get("activeTo")));
        patch(path, "{\"customizations\":[{\"op\":\"unschedule_edit\"}]}", 200);
        assertFalse(get(path).get("phases").get(1).get("items").get(0).has("activeTo"));

        http.patch("/api/v1/subscriptions/01jd8x0c3fexa6k4b1n2m3p4q5", "{\"customizations\":[]}", auth()).expect(404).conformsTo(OPENMETER);
        http.patch(path, "{\"customizations\":[]}").expect(401).conformsTo(OPENMETER);
    }
}

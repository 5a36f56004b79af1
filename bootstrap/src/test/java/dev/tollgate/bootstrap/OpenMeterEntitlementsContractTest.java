package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's entitlements (v1 and v2) over real HTTP, validated against openmeter.yaml, with balances computed from
 * events ingested through the real metering API. Entitlements read features (catalog) and usage (metering), so this
 * runs in the deployable.
 */
@MicronautTest(transactional = false)
class OpenMeterEntitlementsContractTest extends HttpTest {
    /**
     * Tomorrow (after the tiers the catalog seeded on start-up took effect), mid-day and 30 s into a minute: the last
     * minute's usage and the current period share one day whenever the suite runs.
     */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plusSeconds(12 * 3600 + 30);
    @Inject
    MutableClock clock;
    String token;
    int events;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    @BeforeEach
    void namespace() {
        clock.set(NOW);
        token = signUpOwner();
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\",\"groupBy\":{\"model\":\"$.model\"}}",
                auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"api_calls\",\"name\":\"API calls\",\"meterSlug\":\"calls\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"gpt_calls\",\"name\":\"GPT calls\",\"meterSlug\":\"calls\",\"meterGroupByFilters\":{\"model\":\"gpt\"}}",
                auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"sso\",\"name\":\"SSO\"}", auth()).expect(201);
        http.post("/api/v1/features", "{\"key\":\"seats\",\"name\":\"Seats\"}", auth()).expect(201);
        http.post("/api/v1/customers", "{\"name\":\"Acme\",\"key\":\"acme\",\"usageAttribution\":{\"subjectKeys\":[\"acme_prod\",\"acme_dev\"]}}",
                auth()).expect(201);
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

    /** {@code n} calls by {@code subject} now, with the given model. */
    private void calls(String subject, int n, String model) {
        calls(subject, n, model, clock.instant());
    }

    private void calls(String subject, int n, String model, Instant at) {
        List<String> batch = new ArrayList<>();
        String time = at.toString();
        for (int i = 0; i < n; i++) {
            batch.add("""
                    {"specversion":"1.0","id":"e%d","source":"test","type":"call","subject":"%s","time":"%s","data":{"model":"%s"}}"""
                    .formatted(++events, subject, time, model));
        }
        http.post("/api/v1/events", "[" + String.join(",", batch) + "]", "Authorization", "Bearer " + token, "Content-Type",
                "application/cloudevents-batch+json").expect(204);
    }

    private static double d(JsonNode node, String field) {
        return node.get(field).asDouble();
    }

    @Test
    void aMeteredEntitlementBurnsGrantsExactlyAsEventsArrive() {
        // The usage lands in the minute before now, so a void (truncated to the minute, like OpenMeter's) comes after it.
        Instant lastMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES).minusSeconds(1);
        String base = "/api/v2/customers/acme/entitlements";
        JsonNode e = post(base, """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"MONTH","anchor":"2026-01-01T00:00:00Z"},"issue":{"amount":100},
                 "measureUsageFrom":"CURRENT_PERIOD_START","metadata":{"plan":"pro"}}""", 201);
        assertEquals("MONTH", e.get("usagePeriod").get("interval").asText());
        assertEquals(100, e.get("issue").get("amount").asInt());
        assertEquals(e.get("lastReset"), e.get("currentUsagePeriod").get("from"));
        http.post(base, "{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"DAY\"}}", auth()).expect(409)
                .conformsTo(OPENMETER);

        calls("acme_prod", 25, "gpt", lastMinute);
        calls("acme_dev", 5, "claude", lastMinute);
        calls("someone_else", 7, "gpt", lastMinute);
        JsonNode value = get(base + "/api_calls/value");
        assertTrue(value.get("hasAccess").asBoolean());
        assertEquals(30, d(value, "usage"), value.toString());
        assertEquals(70, d(value, "balance"));
        assertEquals(0, d(value, "overage"));
        assertEquals(100, d(value, "totalAvailableGrantAmount"));

        // A v2 grant; the issue-after-reset grant (priority 1) burns first, so the new one is untouched.
        String periodStart = e.get("currentUsagePeriod").get("from").asText();
        JsonNode grant = post(base + "/api_calls/grants", "{\"amount\":50,\"priority\":5,\"effectiveAt\":\"" + periodStart + "\"}", 201);
        assertEquals(50, d(grant, "maxRolloverAmount"), "v2 grants roll over up to their amount by default");
        assertEquals(120, d(get(base + "/api_calls/value"), "balance"));
        JsonNode grants = get(base + "/api_calls/grants");
        assertEquals(2, grants.get("totalCount").asInt(), "with the grant issued after reset");

        calls("acme_prod", 90, "gpt", lastMinute);
        value = get(base + "/" + e.get("id").asText() + "/value");
        assertEquals(120, d(value, "usage"));
        assertEquals(30, d(value, "balance"), "100 burnt first, then 20 of the 50");

        // Voiding keeps what the grant covered and drops the rest.
        http.delete("/api/v1/grants/" + grant.get("id").asText(), auth()).expect(204);
        value = get(base + "/api_calls/value");
        assertEquals(0, d(value, "balance"));
        assertFalse(value.get("hasAccess").asBoolean(), "a balance of exactly 0 gives no access");
        assertEquals(0, d(value, "overage"));
        http.delete("/api/v1/grants/" + grant.get("id").asText(), auth()).expect(409).conformsTo(OPENMETER);

        JsonNode history = get(base + "/api_calls/history?windowSize=DAY");
        assertEquals(120, windowedUsage(history));
        assertFalse(history.get("burndownHistory").isEmpty());
        // A range that does not start on a window boundary: the first window starts at from and counts only from there.
        String from = clock.instant().truncatedTo(ChronoUnit.MINUTES).toString();
        JsonNode partial = get(base + "/api_calls/history?windowSize=DAY&from=" + from);
        assertEquals(Instant.parse(from), Instant.parse(partial.get("windowedHistory").get(0).get("period").get("from").asText()));
        assertEquals(0, windowedUsage(partial), "the usage came before from");

        // A manual reset starts a new period: the issue-after-reset grant is whole again.
        Instant resetAt = lastMinute.plusSeconds(1); // the minute after the usage; given, so it does not depend on when this runs
        http.post(base + "/api_calls/reset", "{\"effectiveAt\":\"" + resetAt + "\"}", auth()).expect(204);
        value = get(base + "/api_calls/value");
        assertEquals(0, d(value, "usage"));
        assertEquals(100, d(value, "balance"));
        assertTrue(value.get("hasAccess").asBoolean());
        JsonNode reset = get(base + "/api_calls");
        assertEquals(resetAt, Instant.parse(reset.get("lastReset").asText()));
        assertEquals(resetAt, Instant.parse(reset.get("currentUsagePeriod").get("from").asText()), "without retainAnchor the period restarts");
        // The history across the reset still holds the usage before it, and its burndown ends in a segment from the reset.
        JsonNode across = get(base + "/api_calls/history?windowSize=DAY&from=" + periodStart);
        assertEquals(120, windowedUsage(across));
        JsonNode segments = across.get("burndownHistory");
        JsonNode last = segments.get(segments.size() - 1);
        assertEquals(resetAt, Instant.parse(last.get("period").get("from").asText()), segments.toString());
        assertEquals(100, d(last, "balanceAtStart"));
        assertEquals(0, windowedUsage(get(base + "/api_calls/history?windowSize=DAY")), "by default history starts at the last reset");
        http.post(base + "/api_calls/reset", "{\"effectiveAt\":\"2020-01-01T00:00:00Z\"}", auth()).expect(400).conformsTo(OPENMETER);
    }

    @Test
    void featureFiltersNarrowTheUsageThatCounts() {
        post("/api/v2/customers/acme/entitlements", """
                {"type":"metered","featureKey":"gpt_calls","usagePeriod":{"interval":"P1D"},"issueAfterReset":10,"isSoftLimit":true}""", 201);
        calls("acme_prod", 12, "gpt");
        calls("acme_prod", 4, "claude");
        JsonNode value = get("/api/v2/customers/acme/entitlements/gpt_calls/value");
        assertEquals(12, d(value, "usage"));
        assertEquals(2, d(value, "overage"));
        assertTrue(value.get("hasAccess").asBoolean(), "a soft limit never denies access");
    }

    @Test
    void booleanAndStaticEntitlementsGrantAccessAndConfiguration() {
        String base = "/api/v2/customers/acme/entitlements";
        JsonNode sso = post(base, "{\"type\":\"boolean\",\"featureKey\":\"sso\"}", 201);
        post(base, "{\"type\":\"static\",\"featureKey\":\"seats\",\"config\":\"{\\\"seats\\\":5}\"}", 201);
        assertTrue(get(base + "/sso/value").get("hasAccess").asBoolean());
        assertEquals("{\"seats\":5}", get(base + "/seats/value").get("config").asText());
        JsonNode access = get("/api/v1/customers/acme/access").get("entitlements");
        assertTrue(access.get("sso").get("hasAccess").asBoolean());
        assertEquals("{\"seats\":5}", access.get("seats").get("config").asText());

        JsonNode replaced = http.put(base + "/sso/override", "{\"type\":\"static\",\"featureKey\":\"sso\",\"config\":\"{\\\"idp\\\":\\\"okta\\\"}\"}",
                auth()).expect(201).conformsTo(OPENMETER).json();
        assertNotEquals(sso.get("id"), replaced.get("id"));
        assertTrue(get(base + "/" + sso.get("id").asText()).has("deletedAt"));
        http.delete(base + "/seats", auth()).expect(204);
        http.get(base + "/seats", auth()).expect(404).conformsTo(OPENMETER); // the feature has no entitlement any more
        assertFalse(get(base + "/seats/value").get("hasAccess").asBoolean(), "no entitlement, no access");
        JsonNode listed = get(base);
        assertEquals(1, listed.get("totalCount").asInt());
        assertEquals(replaced.get("id"), listed.get("items").get(0).get("id"), "only the override is left");
        assertEquals(3, get(base + "?includeDeleted=true").get("totalCount").asInt());
        assertEquals(1, get("/api/v2/entitlements?entitlementType=static").get("totalCount").asInt());
        assertEquals(replaced.get("id"), get("/api/v2/entitlements/" + replaced.get("id").asText()).get("id"));
        assertEquals("acme", get("/api/v1/entitlements/" + replaced.get("id").asText()).get("subjectKey").asText(),
                "v1 shows the customer's key as its subject");
    }

    @Test
    void v1RoutesAddressEntitlementsBySubject() {
        String base = "/api/v1/subjects/acme_prod/entitlements";
        // The usage lands in the minute before now, so a reset (truncated to the minute, like OpenMeter's) comes after it;
        // the daily period is anchored an hour before, so it holds that minute whatever the time of day.
        Instant lastMinute = clock.instant().truncatedTo(ChronoUnit.MINUTES).minusSeconds(1);
        Instant anchor = lastMinute.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.HOURS);
        JsonNode e = post(base, """
                {"type":"metered","featureKey":"api_calls","usagePeriod":{"interval":"DAY","anchor":"%s"},"measureUsageFrom":"CURRENT_PERIOD_START"}"""
                .formatted(anchor), 201);
        String id = e.get("id").asText();
        assertEquals("acme_prod", e.get("subjectKey").asText());
        assertEquals(1, http.get(base, auth()).expect(200).conformsTo(OPENMETER).json().size());
        String periodStart = e.get("currentUsagePeriod").get("from").asText();
        assertEquals(anchor, Instant.parse(periodStart));
        assertTrue(http.post(base + "/api_calls/grants", "{\"amount\":10,\"effectiveAt\":\"" + periodStart + "\"}", auth()).expect(400)
                .conformsTo(OPENMETER).body().contains("expiration"), "v1 grants need an expiration");
        JsonNode grant = post(base + "/api_calls/grants", "{\"amount\":10,\"effectiveAt\":\"" + periodStart
                + "\",\"expiration\":{\"duration\":\"DAY\",\"count\":2}}", 201);
        assertEquals(0, d(grant, "maxRolloverAmount"), "v1 grants roll nothing over by default");
        calls("acme_dev", 3, "gpt", lastMinute);
        JsonNode value = get(base + "/api_calls/value");
        assertEquals(7, d(value, "balance"), "usage of every subject of the customer counts");
        assertEquals(3, d(value, "usage"));
        http.get(base + "/sso/value", auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(1, http.get(base + "/api_calls/grants", auth()).expect(200).conformsTo(OPENMETER).json().size());
        assertEquals(1, http.get("/api/v1/grants", auth()).expect(200).conformsTo(OPENMETER).json().size());
        assertEquals(1, get("/api/v1/grants?page=1").get("totalCount").asInt());
        assertEquals(1, get("/api/v2/grants?customer=acme").get("totalCount").asInt());
        assertEquals(1, http.get("/api/v1/entitlements?subject=acme_prod", auth()).expect(200).conformsTo(OPENMETER).json().size());
        JsonNode before = get(base + "/" + id + "/history?windowSize=HOUR");
        assertEquals(3, windowedUsage(before));
        assertEquals(10, d(before.get("burndownHistory").get(0), "balanceAtStart"));

        // A reset starts a new usage period: usage restarts at zero, and this grant (no rollover) is used up with it.
        // Its time is given, so the check does not depend on the minute the request lands in.
        Instant resetAt = lastMinute.plusSeconds(1);
        http.post(base + "/" + id + "/reset", "{\"retainAnchor\":true,\"effectiveAt\":\"" + resetAt + "\"}", auth()).expect(204);
        value = get(base + "/api_calls/value");
        assertEquals(0, d(value, "usage"));
        assertEquals(0, d(value, "balance"));
        assertFalse(value.get("hasAccess").asBoolean());
        JsonNode afterReset = get(base + "/" + id);
        assertEquals(resetAt, Instant.parse(afterReset.get("lastReset").asText()), "the reset is the last one");
        assertEquals(anchor, Instant.parse(afterReset.get("usagePeriod").get("anchor").asText()), "retainAnchor kept the anchor");
        // History from before the reset shows the usage before it and a burndown segment starting at the reset.
        JsonNode history = get(base + "/" + id + "/history?windowSize=HOUR&from=" + periodStart);
        assertEquals(3, windowedUsage(history));
        List<Instant> segmentStarts = new ArrayList<>();
        for (JsonNode segment : history.get("burndownHistory")) {
            segmentStarts.add(Instant.parse(segment.get("period").get("from").asText()));
        }
        assertEquals(List.of(anchor, resetAt), segmentStarts, "one segment before the reset, one from it");
        // History without from starts at the last reset, after the usage.
        assertEquals(0, windowedUsage(get(base + "/" + id + "/history?windowSize=HOUR")));

        // A deleted entitlement is no longer listed nor consulted, but it is kept for history (OpenMeter's deletedAt).
        http.delete(base + "/" + id, auth()).expect(204);
        assertEquals(0, http.get(base, auth()).expect(200).conformsTo(OPENMETER).json().size());
        assertEquals(0, http.get("/api/v1/entitlements?subject=acme_prod", auth()).expect(200).conformsTo(OPENMETER).json().size());
        JsonNode deleted = http.get(base + "?includeDeleted=true", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(1, deleted.size());
        assertEquals(id, deleted.get(0).get("id").asText());
        assertTrue(deleted.get(0).has("deletedAt"));
        http.get(base + "/api_calls/value", auth()).expect(404).conformsTo(OPENMETER);
        http.delete(base + "/" + id, auth()).expect(404).conformsTo(OPENMETER);
        // a deleted entitlement's feature can be granted again, and replaced (override) by a new entitlement
        JsonNode again = post(base, "{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"DAY\"}}", 201);
        assertEquals(again.get("id"), get(base + "/" + again.get("id").asText()).get("id"));
        JsonNode overridden = http.put(base + "/api_calls/override", "{\"type\":\"metered\",\"featureKey\":\"api_calls\","
                + "\"usagePeriod\":{\"interval\":\"DAY\"},\"issueAfterReset\":5}", auth()).expect(201).json();
        assertEquals("api_calls", overridden.get("featureKey").asText());
        assertNotEquals(again.get("id"), overridden.get("id"), "an override replaces the entitlement with a new one");
        http.get("/api/v1/subjects/nobody/entitlements", auth()).expect(404).conformsTo(OPENMETER);
    }

    private static double windowedUsage(JsonNode history) {
        double usage = 0;
        for (JsonNode w : history.get("windowedHistory")) {
            usage += d(w, "usage");
        }
        return usage;
    }

    @Test
    void badInputGetsAPreciseProblem() {
        String base = "/api/v2/customers/acme/entitlements";
        String[][] cases = {
                {"{\"type\":\"metered\",\"featureKey\":\"api_calls\"}", "usagePeriod"},
                {"{\"type\":\"metered\",\"featureKey\":\"sso\",\"usagePeriod\":{\"interval\":\"DAY\"}}", "has no meter"},
                {"{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"PT5M\"}}", "at least one hour"},
                {"{\"type\":\"static\",\"featureKey\":\"seats\",\"config\":\"[1,2]\"}", "JSON object"},
                {"{\"type\":\"boolean\",\"featureKey\":\"nope\"}", "feature 'nope' not found"},
                {"{\"type\":\"gold\",\"featureKey\":\"sso\"}", "must be one of"},
                {"{\"type\":\"boolean\",\"featureKey\":\"sso\",\"issueAfterReset\":5}", "only metered entitlements"},
                {"{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"DAY\"},\"issue\":{\"amount\":5},"
                        + "\"grants\":[{\"amount\":1,\"effectiveAt\":\"2026-01-01T00:00:00Z\"}]}", "cannot be used together"},
                {"{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"PT5M\"},"
                        + "\"measureUsageFrom\":\"CURRENT_PERIOD_START\"}", "at least one hour"},
                {"{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"DAY\"},"
                        + "\"issueAfterReset\":5,\"issueAfterResetPriority\":4294967297}", "from 1 to 255"},
                {"{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"DAY\",\"anchor\":\"+999999999-03-10T00:00:00Z\"}}",
                        "1970 and 9999"},
        };
        for (String[] c : cases) {
            String body = http.post(base, c[0], auth()).expect(400).conformsTo(OPENMETER).body();
            assertTrue(body.contains(c[1]), c[0] + " -> " + body);
        }
        http.post("/api/v2/customers/nobody/entitlements", "{\"type\":\"boolean\",\"featureKey\":\"sso\"}", auth()).expect(404)
                .conformsTo(OPENMETER);
        post(base, "{\"type\":\"metered\",\"featureKey\":\"api_calls\",\"usagePeriod\":{\"interval\":\"DAY\"}}", 201);
        assertTrue(http.post(base + "/api_calls/grants", "{\"amount\":0,\"effectiveAt\":\"" + clock.instant() + "\"}", auth()).expect(400)
                .conformsTo(OPENMETER).body().contains("grant_amount_must_be_positive"));
        http.get(base + "/api_calls/history", auth()).expect(400).conformsTo(OPENMETER);
        http.get(base + "/api_calls/history?windowSize=MINUTE&from=2026-01-01T00:00:00Z", auth()).expect(400).conformsTo(OPENMETER);
        http.get(base + "/api_calls/value?time=2126-01-01T00:00:00Z", auth()).expect(400).conformsTo(OPENMETER);
        assertTrue(http.post(base + "/api_calls/grants", "{\"amount\":1e400,\"effectiveAt\":\"" + clock.instant() + "\"}", auth())
                .expect(400).conformsTo(OPENMETER).body().contains("finite"));
        http.get(base + "/api_calls/value?time=yesterday", auth()).expect(400).conformsTo(OPENMETER);
        http.delete("/api/v1/grants/01jd8x0c3fexa6k4b1n2m3p4q5", auth()).expect(404).conformsTo(OPENMETER);
        // The lists document no 404: a customer or subject their filter names that is not there is a 400 naming the filter.
        for (String[] list : new String[][] {{"/api/v2/grants?customer=nobody", "customer"}, {"/api/v2/entitlements?customerKeys=nobody", "customerKeys"},
                {"/api/v1/entitlements?subject=nobody", "subject"}, {"/api/v1/grants?subject=nobody", "subject"}}) {
            String problem = http.get(list[0], auth()).expect(400).conformsTo(OPENMETER).body();
            assertTrue(problem.contains(list[1]) && problem.contains("nobody"), list[0] + " -> " + problem);
        }
        token = signUpOwner(); // another organization sees none of it
        http.get(base, auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(0, get("/api/v2/entitlements").get("totalCount").asInt());
    }
}

package dev.tollgate.metering.adapters.in.http.openmeter;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenMeter's events and meters over real HTTP, each answer validated against openmeter.yaml. */
@MicronautTest(transactional = false)
class OpenMeterMeteringContractTest extends HttpTest {
    String token;

    @BeforeEach
    void signUp() {
        token = newNamespace();
    }

    /** A fresh organization: its owner's JWT acts in it (the owner's current workspace is the namespace). */
    private String newNamespace() {
        return signUpOwner();
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private String[] auth(String contentType) {
        return new String[] {"Authorization", "Bearer " + token, "Content-Type", contentType};
    }

    private static String event(String id, String subject, String time, String data) {
        return """
                {"specversion":"1.0","id":"%s","source":"api","type":"prompt","subject":"%s","time":"%s","data":%s}"""
                .formatted(id, subject, time, data);
    }

    private void ingest(String... events) {
        http.post("/api/v1/events", "[" + String.join(",", events) + "]", auth("application/cloudevents-batch+json"))
                .expect(204).conformsTo(OPENMETER);
    }

    private JsonNode createMeter(String body) {
        return http.post("/api/v1/meters", body, auth()).expect(201).conformsTo(OPENMETER).json();
    }

    private JsonNode query(String meter, String parameters) {
        return http.get("/api/v1/meters/" + meter + "/query?" + parameters, auth()).expect(200).conformsTo(OPENMETER).json();
    }

    @Test
    void eventsAreIngestedInEveryFormDeduplicatedAndListedNewestFirst() {
        http.post("/api/v1/events", event("e1", "alice", "2026-11-01T10:00:00Z", "{\"tokens\":5}"), auth("application/cloudevents+json"))
                .expect(204).conformsTo(OPENMETER);
        http.post("/api/v1/events", event("e2", "bob", "2026-11-01T11:00:00Z", "{\"tokens\":7}"), auth()).expect(204).conformsTo(OPENMETER);
        http.post("/api/v1/events", "[" + event("e3", "alice", "2026-11-01T12:00:00Z", "{}") + "]", auth()).expect(204);
        // The same source and id again: accepted, stored once. Without time: now.
        http.post("/api/v1/events", event("e1", "alice", "2026-11-01T10:00:00Z", "{\"tokens\":500}"), auth()).expect(204);
        http.post("/api/v1/events", """
                {"specversion":"1.0","id":"e4","source":"api","type":"prompt","subject":"carol"}""", auth()).expect(204);

        JsonNode listed = http.get("/api/v1/events?from=2026-10-01T00:00:00Z&limit=10", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(4, listed.size());
        assertEquals("e4", listed.get(0).get("event").get("id").asText(), "newest first: e4 happened now");
        assertEquals(5, listed.get(3).get("event").get("data").get("tokens").asInt(), "the first e1 won");
        assertEquals(1, http.get("/api/v1/events?from=2026-10-01T00:00:00Z&subject=bo", auth()).json().size(), "partial subject match");

        JsonNode otherTenant = http.get("/api/v1/events?from=2026-10-01T00:00:00Z", "Authorization", "Bearer " + newNamespace())
                .expect(200).json();
        assertEquals(0, otherTenant.size(), "events never cross namespaces");
    }

    @Test
    void concurrentResendsOfTheSameEventsAreStoredOnce() throws Exception {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(event("dup-" + i, "s" + (i % 5), "2026-11-02T10:00:00Z", "{}"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sends.add(pool.submit(() -> ingest(batch.toArray(String[]::new))));
            }
            for (Future<?> send : sends) {
                send.get();
            }
        } finally {
            pool.shutdownNow();
        }
        createMeter("{\"slug\":\"prompts\",\"aggregation\":\"COUNT\",\"eventType\":\"prompt\"}");
        assertEquals(50, query("prompts", "").get("data").get(0).get("value").asInt());
    }

    @Test
    void metersHaveTheirLifecycle() {
        JsonNode created = createMeter("""
                {"slug":"tokens_total","name":"Tokens","aggregation":"SUM","eventType":"prompt","valueProperty":"$.tokens",
                 "groupBy":{"model":"$.model"},"description":"LLM tokens"}""");
        String id = created.get("id").asText();
        assertTrue(id.matches("^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$"), id);
        assertEquals("tokens_total", http.get("/api/v1/meters/" + id, auth()).expect(200).conformsTo(OPENMETER).json().get("slug").asText());
        createMeter("{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"prompt\"}");
        JsonNode list = http.get("/api/v1/meters?orderBy=key&order=DESC", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("tokens_total", list.get(0).get("slug").asText());

        JsonNode updated = http.put("/api/v1/meters/tokens_total", """
                {"name":"All tokens","groupBy":{"model":"$.model","region":"$.region"}}""", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("$.region", updated.get("groupBy").get("region").asText());
        assertEquals("SUM", updated.get("aggregation").asText(), "aggregation is fixed");

        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"x\"}", auth()).expect(409).conformsTo(OPENMETER);
        http.delete("/api/v1/meters/calls", auth()).expect(204).conformsTo(OPENMETER);
        http.get("/api/v1/meters/calls", auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(2, http.get("/api/v1/meters?includeDeleted=true", auth()).json().size());
        createMeter("{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"prompt\"}"); // the slug is free again
        http.get("/api/v1/meters/tokens_total", "Authorization", "Bearer " + newNamespace()).expect(404);
    }

    @Test
    void everyAggregationOverWindowsGroupsAndSubjects() {
        ingest(event("a1", "alice", "2026-11-01T10:15:00Z", "{\"tokens\":10,\"model\":\"gpt\",\"user\":\"u1\"}"),
                event("a2", "alice", "2026-11-01T10:45:00Z", "{\"tokens\":\"2.5\",\"model\":\"gpt\",\"user\":\"u2\"}"),
                event("a3", "alice", "2026-11-02T09:00:00Z", "{\"tokens\":1,\"model\":\"claude\",\"user\":\"u1\"}"),
                event("b1", "bob", "2026-11-01T11:00:00Z", "{\"tokens\":4,\"model\":\"gpt\",\"user\":\"u3\"}"),
                event("b2", "bob", "2026-11-01T12:00:00Z", "{\"tokens\":\"n/a\",\"model\":\"gpt\",\"user\":\"u3\"}"));
        String[][] expected = {{"SUM", "17.5"}, {"COUNT", "5"}, {"AVG", "4.375"}, {"MIN", "1"}, {"MAX", "10"}, {"UNIQUE_COUNT", "3"},
                {"LATEST", "1"}};
        for (String[] aggregation : expected) {
            String slug = "m_" + aggregation[0].toLowerCase();
            String value = aggregation[0].equals("COUNT") ? "" : aggregation[0].equals("UNIQUE_COUNT") ? ",\"valueProperty\":\"$.user\""
                    : ",\"valueProperty\":\"$.tokens\"";
            createMeter("{\"slug\":\"" + slug + "\",\"aggregation\":\"" + aggregation[0] + "\",\"eventType\":\"prompt\"" + value
                    + ",\"groupBy\":{\"model\":\"$.model\"}}");
            JsonNode all = query(slug, "from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z");
            assertEquals(1, all.get("data").size(), slug);
            assertEquals(0, all.get("data").get(0).get("value").decimalValue().compareTo(new java.math.BigDecimal(aggregation[1])),
                    slug + " = " + all.get("data").get(0).get("value"));
            assertTrue(all.get("data").get(0).get("subject").isNull(), "not grouped by subject");
        }

        JsonNode daily = query("m_sum", "windowSize=DAY&groupBy=model");
        assertEquals(2, daily.get("data").size(), "gpt on the 1st, claude on the 2nd");
        assertEquals("2026-11-01T00:00:00Z", daily.get("data").get(0).get("windowStart").asText());
        assertEquals("2026-11-02T00:00:00Z", daily.get("data").get(0).get("windowEnd").asText());

        JsonNode hourlyAlice = query("m_sum", "windowSize=HOUR&subject=alice&from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z");
        assertEquals(1, hourlyAlice.get("data").size());
        assertEquals("alice", hourlyAlice.get("data").get(0).get("subject").asText());
        assertEquals(0, hourlyAlice.get("data").get(0).get("value").decimalValue().compareTo(new java.math.BigDecimal("12.5")));

        JsonNode filtered = query("m_count", "filterGroupBy%5Bmodel%5D=claude");
        assertEquals(1, filtered.get("data").get(0).get("value").asInt());
        JsonNode posted = http.post("/api/v1/meters/m_count/query", """
                {"groupBy":["subject"],"advancedMeterGroupByFilters":{"model":{"$in":["gpt"]}}}""", auth())
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, posted.get("data").size());

        // 2026-11-01T23:30Z is already 2 November in Budapest (UTC+1): a DAY window follows the time zone.
        ingest(event("late", "carol", "2026-11-01T23:30:00Z", "{\"tokens\":100,\"model\":\"gpt\",\"user\":\"u9\"}"));
        JsonNode budapest = query("m_sum", "windowSize=DAY&windowTimeZone=Europe/Budapest&subject=carol");
        assertEquals("2026-11-01T23:00:00Z", budapest.get("data").get(0).get("windowStart").asText());

        String csv = http.get("/api/v1/meters/m_sum/query?windowSize=DAY&groupBy=model", "Authorization", "Bearer " + token,
                "Accept", "text/csv").expect(200).body();
        assertTrue(csv.startsWith("window_start,window_end,subject,customer_id,model,value\n"), csv);

        assertEquals(List.of("alice", "bob", "carol"), strings(http.get("/api/v1/meters/m_sum/subjects", auth()).expect(200)
                .conformsTo(OPENMETER).json()));
        assertEquals(List.of("claude", "gpt"), strings(http.get("/api/v1/meters/m_sum/group-by/model/values?from=2026-10-01T00:00:00Z",
                auth()).expect(200).conformsTo(OPENMETER).json()));
    }

    @Test
    void everyWindowSizeAndALateEventLandsInItsOwnWindow() {
        createMeter("{\"slug\":\"tokens\",\"aggregation\":\"SUM\",\"eventType\":\"prompt\",\"valueProperty\":\"$.tokens\"}");
        ingest(event("w1", "alice", "2026-10-31T23:59:30Z", "{\"tokens\":1}"),
                event("w2", "alice", "2026-11-01T00:00:10Z", "{\"tokens\":2}"),
                event("w3", "alice", "2026-11-01T00:01:00Z", "{\"tokens\":4}"));
        String range = "from=2026-10-01T00:00:00Z&to=2026-12-01T00:00:00Z&windowSize=";
        assertEquals(List.of("1", "2", "4"), values(query("tokens", range + "MINUTE")));
        assertEquals(List.of("1", "6"), values(query("tokens", range + "HOUR")));
        // Arriving after the others, an event keeps its own time: it lands in the earlier windows.
        ingest(event("w4", "alice", "2026-10-31T23:59:50Z", "{\"tokens\":8}"));
        assertEquals(List.of("9", "2", "4"), values(query("tokens", range + "MINUTE")));
        assertEquals(List.of("9", "6"), values(query("tokens", range + "HOUR")));
        assertEquals(List.of("9", "6"), values(query("tokens", range + "DAY")));
        JsonNode months = query("tokens", range + "MONTH");
        assertEquals(List.of("9", "6"), values(months));
        assertEquals("2026-10-01T00:00:00Z", months.get("data").get(0).get("windowStart").asText());
        assertEquals("2026-11-01T00:00:00Z", months.get("data").get(0).get("windowEnd").asText());
    }

    /** The rows' values in window order, as plain decimals. */
    private static List<String> values(JsonNode result) {
        List<String> values = new java.util.ArrayList<>();
        result.get("data").forEach(row -> values.add(row.get("value").decimalValue().stripTrailingZeros().toPlainString()));
        return values;
    }

    @Test
    void listedEventsSayWhyTheyDoNotCountTowardsAMeter() {
        ingest(event("v1", "alice", "2026-11-01T10:00:00Z", "{\"tokens\":3,\"user\":\"u1\"}"),
                event("v2", "alice", "2026-11-01T10:01:00Z", "{\"tokens\":\"n/a\",\"user\":\"u1\"}"),
                event("v3", "alice", "2026-11-01T10:02:00Z", "{\"user\":{\"id\":1}}"));
        createMeter("{\"slug\":\"tokens\",\"aggregation\":\"SUM\",\"eventType\":\"prompt\",\"valueProperty\":\"$.tokens\"}");
        createMeter("{\"slug\":\"users\",\"aggregation\":\"UNIQUE_COUNT\",\"eventType\":\"prompt\",\"valueProperty\":\"$.user\"}");
        JsonNode listed = http.get("/api/v1/events?from=2026-11-01T00:00:00Z", auth()).expect(200).conformsTo(OPENMETER).json();
        java.util.Map<String, String> errors = new java.util.HashMap<>();
        listed.forEach(item -> errors.put(item.get("event").get("id").asText(),
                item.has("validationError") ? item.get("validationError").asText() : null));
        assertEquals(null, errors.get("v1"));
        assertEquals("meter tokens: the value at $.tokens is not a number: 'n/a'", errors.get("v2"));
        assertEquals("meter tokens: the event has no value at $.tokens; meter users: the value at $.user is a JSON object, not a string",
                errors.get("v3"));
        JsonNode page = http.get("/api/v2/events?limit=10", auth()).expect(200).conformsTo(OPENMETER).json();
        assertTrue(page.toString().contains("is not a number: 'n/a'"), page.toString());
    }

    @Test
    void largeEventsCountAlongsideCompactOnes() {
        // Events with large data are stored outside the covering meter index (migration V5); queries read both kinds.
        String bulky = "x".repeat(6000);
        ingest(event("s1", "small", "2026-11-01T10:00:00Z", "{\"tokens\":2,\"model\":\"gpt\"}"),
                event("l1", "large", "2026-11-01T11:00:00Z", "{\"tokens\":5,\"model\":\"gpt\",\"prompt\":\"" + bulky + "\"}"));
        createMeter("{\"slug\":\"tokens\",\"aggregation\":\"SUM\",\"eventType\":\"prompt\",\"valueProperty\":\"$.tokens\","
                + "\"groupBy\":{\"model\":\"$.model\"}}");
        JsonNode bySubject = query("tokens", "from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z&groupBy=subject");
        assertEquals(2, bySubject.get("data").size());
        assertEquals(7, bySubject.get("data").get(0).get("value").asInt() + bySubject.get("data").get(1).get("value").asInt());
        assertEquals(List.of("large", "small"), strings(http.get("/api/v1/meters/tokens/subjects?from=2026-10-01T00:00:00Z", auth()).expect(200).json()));
        assertEquals(List.of("gpt"), strings(http.get("/api/v1/meters/tokens/group-by/model/values?from=2026-10-01T00:00:00Z", auth()).expect(200).json()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    void badInputGetsAPreciseProblem() {
        assertTrue(http.post("/api/v1/meters", "{\"slug\":\"c\",\"aggregation\":\"COUNT\",\"eventType\":\"e\",\"valueProperty\":\"$.x\"}", auth())
                .expect(400).conformsTo(OPENMETER).body().contains("not allowed when the aggregation is count"));
        assertTrue(http.post("/api/v1/meters", "{\"slug\":\"s\",\"aggregation\":\"SUM\",\"eventType\":\"e\",\"valueProperty\":\"$.[[x\"}", auth())
                .expect(400).conformsTo(OPENMETER).body().contains("invalid JSONPath"));
        // Paths run in the shared database for every event read: only member names and indexes, nothing that can spin.
        for (String unsafe : new String[] {"$.a ? (@ like_regex \\\"(a+)+$\\\")", "$.**", "$.a[*]", "$.*", "$.a.size()", "$.a + 1",
                "$.a[0 to 1000000]", "$.a ? (@ > 1)", "$.a.b()", "$.a[last]"}) {
            String body = "{\"slug\":\"s\",\"aggregation\":\"SUM\",\"eventType\":\"e\",\"valueProperty\":\"" + unsafe + "\"}";
            assertTrue(http.post("/api/v1/meters", body, auth()).expect(400).conformsTo(OPENMETER).body()
                    .contains("only member names and array indexes"), unsafe);
            String groupBy = "{\"slug\":\"g\",\"aggregation\":\"COUNT\",\"eventType\":\"e\",\"groupBy\":{\"k\":\"" + unsafe + "\"}}";
            http.post("/api/v1/meters", groupBy, auth()).expect(400).conformsTo(OPENMETER);
        }
        createMeter("{\"slug\":\"nested\",\"aggregation\":\"SUM\",\"eventType\":\"e\",\"valueProperty\":\"$.usage.items[0].\\\"input tokens\\\"\"}");
        http.post("/api/v1/meters", "{\"slug\":\"Bad Slug\",\"aggregation\":\"SUM\",\"eventType\":\"e\",\"valueProperty\":\"$.x\"}", auth())
                .expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/meters", "{\"slug\":\"s\",\"aggregation\":\"MEDIAN\",\"eventType\":\"e\",\"valueProperty\":\"$.x\"}", auth())
                .expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/meters", "{not json", auth()).expect(400).conformsTo(OPENMETER);
        createMeter("{\"slug\":\"ok\",\"aggregation\":\"COUNT\",\"eventType\":\"e\"}");
        assertTrue(http.get("/api/v1/meters/ok/query?windowSize=WEEK", auth()).expect(400).conformsTo(OPENMETER).body().contains("windowSize"));
        assertTrue(http.get("/api/v1/meters/ok/query?windowTimeZone=Mars/Olympus", auth()).expect(400).conformsTo(OPENMETER).body()
                .contains("invalid time zone"));
        assertTrue(http.get("/api/v1/meters/ok/query?from=2026-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", auth()).expect(400)
                .conformsTo(OPENMETER).body().contains("from and to cannot be equal"));
        assertTrue(http.get("/api/v1/meters/ok/query?groupBy=model", auth()).expect(400).conformsTo(OPENMETER).body().contains("invalid group by"));
        http.get("/api/v1/meters/nope/query", auth()).expect(404).conformsTo(OPENMETER);
        assertTrue(http.post("/api/v1/events", "{\"id\":\"x\"}", auth()).expect(400).conformsTo(OPENMETER).body().contains("source"));
        http.post("/api/v1/events", event("t", "s", "yesterday", "{}"), auth()).expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/events", event("d", "s", "2026-01-01T00:00:00Z", "[1,2]"), auth()).expect(400).conformsTo(OPENMETER);
        // PostgreSQL cannot store NUL: a precise 400, not a failed insert.
        assertTrue(http.post("/api/v1/events", event("n", "s", "2026-01-01T00:00:00Z", "{\"k\":\"a\\u0000b\"}"), auth()).expect(400)
                .conformsTo(OPENMETER).body().contains("NUL"));
        assertTrue(http.post("/api/v1/events", event("n", "s\\u0000", "2026-01-01T00:00:00Z", "{}"), auth()).expect(400)
                .conformsTo(OPENMETER).body().contains("subject"));
        http.post("/api/v1/events", event("n", "s", "2026-01-01T00:00:00Z", "{\"k\":\"a\\\\u0000b\"}"), auth()).expect(204);
        assertTrue(http.post("/api/v1/events", "id=1", auth("text/plain")).expect(400).conformsTo(OPENMETER).body().contains("content type"));
        http.get("/api/v1/meters", "Authorization", "Bearer nonsense").expect(401).conformsTo(OPENMETER);
    }

    @Test
    void subjectsAreUpsertedListedAndDeleted() {
        JsonNode upserted = http.post("/api/v1/subjects", """
                [{"key":"customer-1","displayName":"Acme","metadata":{"hubspotId":"123"}},{"key":"customer-2"}]""", auth())
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, upserted.size());
        String id = upserted.get(0).get("id").asText();
        http.post("/api/v1/subjects", "[{\"key\":\"customer-1\",\"displayName\":\"Acme Corp\"}]", auth()).expect(200).conformsTo(OPENMETER);
        JsonNode one = http.get("/api/v1/subjects/" + id, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("Acme Corp", one.get("displayName").asText(), "an upsert of an existing key updates it, same id");
        assertEquals(2, http.get("/api/v1/subjects", auth()).expect(200).conformsTo(OPENMETER).json().size());
        http.delete("/api/v1/subjects/customer-2", auth()).expect(204).conformsTo(OPENMETER);
        http.get("/api/v1/subjects/customer-2", auth()).expect(404).conformsTo(OPENMETER);
        http.post("/api/v1/subjects", "[{\"displayName\":\"no key\"}]", auth()).expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/subjects", "[{\"key\":\"a\"},{\"key\":\"a\"}]", auth()).expect(400).conformsTo(OPENMETER);
        assertEquals(0, http.get("/api/v1/subjects", "Authorization", "Bearer " + newNamespace()).json().size());
    }

    @Test
    void eventsV2PageWithCursorsAndFilters() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            batch.add(event("v2-" + i, i % 2 == 0 ? "even" : "odd", "2026-11-03T10:%02d:00Z".formatted(i), "{}"));
        }
        ingest(batch.toArray(String[]::new));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get("/api/v2/events?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), auth())
                    .expect(200).conformsTo(OPENMETER).json();
            page.get("items").forEach(item -> seen.add(item.get("event").get("id").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertEquals(25, seen.size());
        assertEquals("v2-24", seen.get(0), "newest first");
        assertEquals(25, new java.util.HashSet<>(seen).size(), "no event twice across pages");

        String filter = java.net.URLEncoder.encode("{\"subject\":{\"$eq\":\"odd\"},\"time\":{\"$gte\":\"2026-11-03T10:10:00Z\"},"
                + "\"id\":{\"$nin\":[\"v2-11\"]}}", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode filtered = http.get("/api/v2/events?filter=" + filter, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(List.of("v2-23", "v2-21", "v2-19", "v2-17", "v2-15", "v2-13"), ids(filtered.get("items")));
        http.get("/api/v2/events?filter=" + java.net.URLEncoder.encode("{\"subject\":{\"$regex\":\"x\"}}",
                java.nio.charset.StandardCharsets.UTF_8), auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v2/events?cursor=garbage!", auth()).expect(400).conformsTo(OPENMETER);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("event").get("id").asText()));
        return ids;
    }

    @Test
    void advancedGroupByFiltersProgressCurrenciesAndDebugMetrics() {
        ingest(event("f1", "alice", "2026-11-04T10:00:00Z", "{\"model\":\"gpt-4\"}"),
                event("f2", "alice", "2026-11-04T10:01:00Z", "{\"model\":\"gpt-3.5\"}"),
                event("f3", "bob", "2026-11-04T10:02:00Z", "{\"model\":\"claude\"}"));
        createMeter("{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"prompt\",\"groupBy\":{\"model\":\"$.model\"}}");
        JsonNode gpt = http.post("/api/v1/meters/calls/query", """
                {"clientId":"dashboard-1","advancedMeterGroupByFilters":{"model":{"$like":"gpt%"}}}""", auth())
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, gpt.get("data").get(0).get("value").asInt());
        JsonNode notClaude = query("calls", "advancedMeterGroupByFilters=" + java.net.URLEncoder.encode(
                "{\"model\":{\"$or\":[{\"$eq\":\"claude\"},{\"$ilike\":\"GPT-4\"}]}}", java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, notClaude.get("data").get(0).get("value").asInt());

        JsonNode progress = http.get("/api/v1/info/progress/dashboard-1", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, progress.get("total").asInt());
        assertEquals(2, progress.get("success").asInt());
        http.get("/api/v1/info/progress/unknown", auth()).expect(404).conformsTo(OPENMETER);

        JsonNode currencies = http.get("/api/v1/info/currencies", auth()).expect(200).conformsTo(OPENMETER).json();
        boolean usd = false;
        for (JsonNode c : currencies) {
            usd |= c.get("code").asText().equals("USD") && c.get("subunits").asInt() == 2;
        }
        assertTrue(usd, "USD with 2 subunits");

        ingest(event("today", "carol", java.time.Instant.now().toString(), "{}"));
        String metrics = http.get("/api/v1/debug/metrics", auth()).expect(200).conformsTo(OPENMETER).body();
        assertTrue(metrics.contains("openmeter_events_total{subject=\"carol\",type=\"prompt\"} 1"), metrics);
        assertTrue(metrics.endsWith("# EOF\n"), metrics);
    }

    @Test
    void usageIsAttributedToCustomersBySubjectKeys() {
        http.post("/api/v1/customers", """
                {"name":"Acme","key":"acme","usageAttribution":{"subjectKeys":["acme-prod"]}}""", auth()).expect(201);
        String globex = http.post("/api/v1/customers", """
                {"name":"Globex","usageAttribution":{"subjectKeys":["globex-1","globex-2"]}}""", auth()).expect(201).json().get("id").asText();
        ingest(event("c1", "acme", "2026-11-05T10:00:00Z", "{}"), event("c2", "acme-prod", "2026-11-05T10:00:00Z", "{}"),
                event("c3", "globex-1", "2026-11-05T10:00:00Z", "{}"), event("c4", "globex-2", "2026-11-05T10:00:00Z", "{}"),
                event("c5", "globex-2", "2026-11-05T10:00:00Z", "{}"), event("c6", "stranger", "2026-11-05T10:00:00Z", "{}"));
        createMeter("{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"prompt\"}");
        JsonNode byCustomer = query("calls", "filterCustomerId=acme&filterCustomerId=" + globex);
        assertEquals(2, byCustomer.get("data").size());
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        byCustomer.get("data").forEach(row -> counts.put(row.get("customerId").asText(), row.get("value").asInt()));
        assertEquals(3, counts.get(globex));
        assertEquals(2, counts.values().stream().mapToInt(Integer::intValue).min().getAsInt(), "acme: its key and its subject");
        http.get("/api/v1/meters/calls/query?filterCustomerId=nobody", auth()).expect(404).conformsTo(OPENMETER);

        String filter = java.net.URLEncoder.encode("{\"customerId\":{\"$in\":[\"" + globex + "\"]}}", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode globexEvents = http.get("/api/v2/events?filter=" + filter, auth()).expect(200).conformsTo(OPENMETER).json().get("items");
        assertEquals(3, globexEvents.size());
        globexEvents.forEach(item -> assertEquals(globex, item.get("customerId").asText(), "each event names its customer"));
        JsonNode listed = http.get("/api/v1/events?from=2026-11-05T00:00:00Z&subject=stranger", auth()).expect(200).conformsTo(OPENMETER).json();
        assertTrue(!listed.get(0).has("customerId"), "a subject no customer owns");
    }

    @Test
    void listEventsFiltersByCustomerThroughItsKeyAndSubjectKeys() {
        String acme = http.post("/api/v1/customers", """
                {"name":"Acme","key":"acme","usageAttribution":{"subjectKeys":["acme-prod"]}}""", auth()).expect(201).json().get("id").asText();
        String globex = http.post("/api/v1/customers", """
                {"name":"Globex","usageAttribution":{"subjectKeys":["globex-1"]}}""", auth()).expect(201).json().get("id").asText();
        ingest(event("e1", "acme", "2026-11-07T10:00:00Z", "{}"), event("e2", "acme-prod", "2026-11-07T10:01:00Z", "{}"),
                event("e3", "globex-1", "2026-11-07T10:02:00Z", "{}"), event("e4", "stranger", "2026-11-07T10:03:00Z", "{}"));
        String base = "/api/v1/events?from=2026-11-07T00:00:00Z";

        JsonNode acmeEvents = http.get(base + "&customerId=" + acme, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, acmeEvents.size(), acmeEvents.toString());
        acmeEvents.forEach(item -> assertEquals(acme, item.get("customerId").asText(), "each event names its customer"));
        assertEquals(java.util.Set.of("e1", "e2"), java.util.Set.of(acmeEvents.get(0).get("event").get("id").asText(),
                acmeEvents.get(1).get("event").get("id").asText()));

        JsonNode both = http.get(base + "&customerId=" + acme + "&customerId=" + globex, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(3, both.size(), "the stranger's event belongs to neither");
        JsonNode narrowed = http.get(base + "&customerId=" + acme + "&subject=prod", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(1, narrowed.size(), "the other filters still apply");
        assertEquals(4, http.get(base, auth()).expect(200).conformsTo(OPENMETER).json().size(), "no filter, every event");

        // listEvents declares no 404: an unknown or malformed customer is a bad request
        String unknown = dev.tollgate.platform.domain.Ulid.of(java.util.UUID.randomUUID());
        http.get(base + "&customerId=" + unknown, auth()).expect(400).conformsTo(OPENMETER);
        http.get(base + "&customerId=acme", auth()).expect(400).conformsTo(OPENMETER);
        String v2 = java.net.URLEncoder.encode("{\"customerId\":{\"$in\":[\"" + unknown + "\"]}}", java.nio.charset.StandardCharsets.UTF_8);
        http.get("/api/v2/events?filter=" + v2, auth()).expect(400).conformsTo(OPENMETER);
    }

    @Test
    void portalTokensSeeOnlyTheirSubjectAndMeters() {
        ingest(event("p1", "alice", "2026-11-06T10:00:00Z", "{\"tokens\":5}"), event("p2", "bob", "2026-11-06T10:00:00Z", "{\"tokens\":7}"));
        createMeter("{\"slug\":\"tokens\",\"aggregation\":\"SUM\",\"eventType\":\"prompt\",\"valueProperty\":\"$.tokens\"}");
        createMeter("{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"prompt\"}");
        JsonNode created = http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\",\"allowedMeterSlugs\":[\"tokens\"]}", auth())
                .expect(200).conformsTo(OPENMETER).json();
        String secret = created.get("token").asText();
        assertTrue(secret.startsWith("om_portal_"));

        JsonNode alice = http.get("/api/v1/portal/meters/tokens/query?subject=bob", "Authorization", "Bearer " + secret)
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(1, alice.get("data").size());
        assertEquals("alice", alice.get("data").get(0).get("subject").asText(), "the token's subject, whatever was asked");
        assertEquals(5, alice.get("data").get(0).get("value").asInt());
        http.get("/api/v1/portal/meters/calls/query", "Authorization", "Bearer " + secret).expect(401).conformsTo(OPENMETER);
        http.get("/api/v1/portal/meters/tokens/query", "Authorization", "Bearer om_portal_forged").expect(401).conformsTo(OPENMETER);
        http.get("/api/v1/portal/meters/tokens/query").expect(401).conformsTo(OPENMETER);

        JsonNode listed = http.get("/api/v1/portal/tokens", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(1, listed.size());
        assertTrue(!listed.get(0).hasNonNull("token"), "the secret is shown once");
        http.post("/api/v1/portal/tokens/invalidate", "{\"subject\":\"alice\"}", auth()).expect(204).conformsTo(OPENMETER);
        http.get("/api/v1/portal/meters/tokens/query", "Authorization", "Bearer " + secret).expect(401).conformsTo(OPENMETER);
        // a token for every meter asking for one that does not exist
        String everyMeter = http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\"}", auth()).expect(200).json().get("token").asText();
        http.get("/api/v1/portal/meters/nonexistent/query", "Authorization", "Bearer " + everyMeter).expect(404).conformsTo(OPENMETER);

        http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\",\"allowedMeterSlugs\":[]}", auth()).expect(400).conformsTo(OPENMETER);
        http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\",\"allowedMeterSlugs\":[\"nope\"]}", auth()).expect(404).conformsTo(OPENMETER);
        String expired = http.post("/api/v1/portal/tokens", "{\"subject\":\"alice\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", auth())
                .expect(400).conformsTo(OPENMETER).body();
        assertTrue(expired.contains("future"), expired);
    }
}

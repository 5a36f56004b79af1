package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OpenMeter's features over real HTTP, validated against openmeter.yaml. They live in catalog and check their meter
 * in metering: the two meet only in the deployable, so this test runs here.
 */
@MicronautTest(transactional = false)
class OpenMeterFeaturesContractTest extends HttpTest {
    String token;

    @BeforeEach
    void newNamespace() {
        token = signUpOwner();
        http.post("/api/v1/meters", """
                {"slug":"tokens","aggregation":"SUM","eventType":"prompt","valueProperty":"$.tokens","groupBy":{"model":"$.model"}}""",
                auth()).expect(201);
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private JsonNode create(String body) {
        return http.post("/api/v1/features", body, auth()).expect(201).conformsTo(OPENMETER).json();
    }

    @Test
    void featuresAreCreatedListedAndArchived() {
        JsonNode gpt = create("""
                {"key":"gpt_tokens","name":"GPT tokens","meterSlug":"tokens","meterGroupByFilters":{"model":"gpt"},
                 "unitCost":{"type":"manual","amount":"0.002"},"metadata":{"team":"ai"}}""");
        assertEquals("gpt_tokens", gpt.get("key").asText());
        assertEquals("gpt", gpt.get("meterGroupByFilters").get("model").asText());
        assertFalse(gpt.has("archivedAt"));
        create("""
                {"key":"sso","name":"Single sign-on"}""");
        create("""
                {"key":"claude_tokens","name":"Claude tokens","meterSlug":"tokens","advancedMeterGroupByFilters":{"model":{"$eq":"claude"}}}""");

        String id = gpt.get("id").asText();
        JsonNode read = http.get("/api/v1/features/" + id, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(gpt, read, "a read returns exactly what the creation answered");
        assertEquals(id, http.get("/api/v1/features/gpt_tokens", auth()).expect(200).json().get("id").asText());

        JsonNode array = http.get("/api/v1/features?orderBy=key", auth()).expect(200).conformsTo(OPENMETER).json();
        assertTrue(array.isArray());
        assertEquals(3, array.size());
        assertEquals("claude_tokens", array.get(0).get("key").asText());
        JsonNode metered = http.get("/api/v1/features?meterSlug=tokens&orderBy=key&order=DESC&limit=1&offset=1", auth())
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(1, metered.size());
        assertEquals("claude_tokens", metered.get(0).get("key").asText());
        JsonNode paged = http.get("/api/v1/features?page=1&pageSize=2&orderBy=key", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(3, paged.get("totalCount").asInt());
        assertEquals(2, paged.get("items").size());

        // A live key is taken; archiving frees it, and the archived feature is still readable by id.
        http.post("/api/v1/features", "{\"key\":\"gpt_tokens\",\"name\":\"again\"}", auth()).expect(409).conformsTo(OPENMETER);
        http.delete("/api/v1/features/" + id, auth()).expect(204);
        assertTrue(http.get("/api/v1/features/" + id, auth()).expect(200).conformsTo(OPENMETER).json().has("archivedAt"));
        http.get("/api/v1/features/gpt_tokens", auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(2, http.get("/api/v1/features", auth()).expect(200).json().size());
        assertEquals(3, http.get("/api/v1/features?includeArchived=true", auth()).expect(200).json().size());
        create("{\"key\":\"gpt_tokens\",\"name\":\"GPT tokens v2\",\"meterSlug\":\"tokens\"}");
        // Another organization sees none of them.
        token = signUpOwner();
        http.get("/api/v1/features/" + id, auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(0, http.get("/api/v1/features", auth()).expect(200).json().size());
    }

    @Test
    void aMeterInUseByAFeatureKeepsItsFilteredKeysAndCannotBeDeleted() {
        JsonNode feature = create("{\"key\":\"gpt\",\"name\":\"GPT\",\"meterSlug\":\"tokens\",\"meterGroupByFilters\":{\"model\":\"gpt\"}}");
        assertTrue(http.put("/api/v1/meters/tokens", "{\"name\":\"Tokens\",\"groupBy\":{}}", auth()).expect(409).conformsTo(OPENMETER)
                .body().contains("groupBy key 'model' is used by the filters of feature 'gpt'"));
        http.put("/api/v1/meters/tokens", "{\"name\":\"Tokens\",\"groupBy\":{\"model\":\"$.model\",\"user\":\"$.user\"}}", auth())
                .expect(200).conformsTo(OPENMETER);
        assertTrue(http.delete("/api/v1/meters/tokens", auth()).expect(409).conformsTo(OPENMETER).body().contains("active features"));
        // Once the feature is archived the meter is free again.
        http.delete("/api/v1/features/" + feature.get("id").asText(), auth()).expect(204);
        http.delete("/api/v1/meters/tokens", auth()).expect(204);
    }

    @Test
    void badDefinitionsGetAPreciseProblem() {
        http.post("/api/v1/meters", "{\"slug\":\"latency\",\"aggregation\":\"AVG\",\"eventType\":\"call\",\"valueProperty\":\"$.ms\"}", auth())
                .expect(201);
        String[][] cases = {
                {"{\"key\":\"Bad Key\",\"name\":\"x\"}", "lowercase"},
                {"{\"key\":\"k\"}", "name"},
                {"{\"key\":\"k\",\"name\":\"x\",\"meterSlug\":\"nope\"}", "meter 'nope' not found"},
                {"{\"key\":\"k\",\"name\":\"x\",\"meterSlug\":\"latency\"}", "features support SUM, COUNT, UNIQUE_COUNT and LATEST"},
                {"{\"key\":\"k\",\"name\":\"x\",\"meterSlug\":\"tokens\",\"meterGroupByFilters\":{\"region\":\"eu\"}}", "no groupBy key 'region'"},
                {"{\"key\":\"k\",\"name\":\"x\",\"meterGroupByFilters\":{\"model\":\"gpt\"}}", "meterSlug"},
                {"{\"key\":\"k\",\"name\":\"x\",\"unitCost\":{\"type\":\"manual\",\"amount\":\"-1\"}}", "unitCost.amount"},
                {"{\"key\":\"k\",\"name\":\"x\",\"unitCost\":{\"type\":\"llm\",\"model\":\"gpt\",\"modelProperty\":\"$.m\"}}", "unitCost.model"},
                {"{\"key\":\"k\",\"name\":\"x\",\"unitCost\":{\"type\":\"barter\"}}", "unitCost.type"},
        };
        for (String[] bad : cases) {
            String problem = http.post("/api/v1/features", bad[0], auth()).expect(400).conformsTo(OPENMETER).body();
            assertTrue(problem.contains(bad[1]), bad[0] + " -> " + problem);
        }
        http.get("/api/v1/features/01jd8x0c3fexa6k4b1n2m3p4q5", auth()).expect(404).conformsTo(OPENMETER);
        http.get("/api/v1/features?orderBy=price", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/features?pageSize=5000", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/features").expect(401).conformsTo(OPENMETER);
    }

    @Test
    void aFeaturesCostIsItsFilteredUsageTimesItsUnitCost() {
        create("""
                {"key":"gpt_tokens","name":"GPT tokens","meterSlug":"tokens","meterGroupByFilters":{"model":"gpt"},
                 "unitCost":{"type":"manual","amount":"0.002"}}""");
        create("""
                {"key":"all_tokens","name":"All tokens","meterSlug":"tokens","unitCost":{"type":"manual","amount":"0.5"}}""");
        create("""
                {"key":"llm_tokens","name":"LLM tokens","meterSlug":"tokens","unitCost":{"type":"llm","provider":"openai","modelProperty":"model","tokenType":"input"}}""");
        create("""
                {"key":"free_tokens","name":"Free tokens","meterSlug":"tokens"}""");
        create("""
                {"key":"sso","name":"Single sign-on"}""");
        String events = String.join(",",
                "{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"t\",\"type\":\"prompt\",\"subject\":\"alice\",\"time\":\"2026-11-01T10:00:00Z\",\"data\":{\"tokens\":1000,\"model\":\"gpt\"}}",
                "{\"specversion\":\"1.0\",\"id\":\"c2\",\"source\":\"t\",\"type\":\"prompt\",\"subject\":\"bob\",\"time\":\"2026-11-02T10:00:00Z\",\"data\":{\"tokens\":500,\"model\":\"gpt\"}}",
                "{\"specversion\":\"1.0\",\"id\":\"c3\",\"source\":\"t\",\"type\":\"prompt\",\"subject\":\"alice\",\"time\":\"2026-11-02T11:00:00Z\",\"data\":{\"tokens\":40,\"model\":\"claude\"}}");
        http.post("/api/v1/events", "[" + events + "]", "Authorization", "Bearer " + token, "Content-Type", "application/cloudevents-batch+json")
                .expect(204);
        String range = "from=2026-11-01T00:00:00Z&to=2026-11-03T00:00:00Z";

        JsonNode gpt = http.get("/api/v1/features/gpt_tokens/cost?" + range, auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals("USD", gpt.get("currency").asText());
        assertEquals(1, gpt.get("data").size());
        assertEquals(0, new java.math.BigDecimal("1500").compareTo(new java.math.BigDecimal(gpt.get("data").get(0).get("usage").asText())),
                "only the feature's model counts");
        assertEquals("3", gpt.get("data").get(0).get("cost").asText(), "1,500 tokens x 0.002");

        JsonNode daily = http.get("/api/v1/features/all_tokens/cost?" + range + "&windowSize=DAY&subject=alice", auth()).expect(200)
                .conformsTo(OPENMETER).json();
        assertEquals(2, daily.get("data").size());
        assertEquals("500", daily.get("data").get(0).get("cost").asText());
        assertEquals("20", daily.get("data").get(1).get("cost").asText());
        JsonNode grouped = http.get("/api/v1/features/all_tokens/cost?" + range + "&groupBy=model", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, grouped.get("data").size());

        JsonNode llm = http.get("/api/v1/features/llm_tokens/cost?" + range, auth()).expect(200).conformsTo(OPENMETER).json();
        assertTrue(llm.get("data").get(0).get("cost").isNull());
        assertTrue(llm.get("data").get(0).get("detail").asText().contains("llm"));

        http.get("/api/v1/features/free_tokens/cost?" + range, auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/features/sso/cost?" + range, auth()).expect(400).conformsTo(OPENMETER);
        // A filter on the dimension the feature filters narrows it further: gpt and claude at once is nothing.
        assertEquals(0, http.get("/api/v1/features/gpt_tokens/cost?" + range + "&filterGroupBy[model]=claude", auth()).expect(200)
                .conformsTo(OPENMETER).json().get("data").size());
        assertEquals(1, http.get("/api/v1/features/gpt_tokens/cost?" + range + "&filterGroupBy[model]=gpt", auth()).expect(200)
                .conformsTo(OPENMETER).json().get("data").size());
        http.get("/api/v1/features/nope/cost?" + range, auth()).expect(404).conformsTo(OPENMETER);
        // Another namespace's feature is not found.
        String[] stranger = {"Authorization", "Bearer " + signUpOwner()};
        http.get("/api/v1/features/gpt_tokens/cost?" + range, stranger).expect(404).conformsTo(OPENMETER);
    }
}

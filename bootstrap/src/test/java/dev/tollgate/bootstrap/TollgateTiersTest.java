package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tollgate's own tiers (ADR 0010): plans of the system namespace seeded by a migration, listed by PgBeam's ListPlans
 * and managed by the operator through OpenMeter's plan routes like any other catalog.
 */
@MicronautTest(transactional = false)
class TollgateTiersTest extends HttpTest {
    static final String SECRET = "tiers-test-secret";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        return properties;
    }

    @Test
    void pgbeamListsTheSelfServeTiersWithTheirLimits() {
        String[] auth = {"Authorization", "Bearer " + signUpOwner()};
        JsonNode plans = http.get("/v1/plans", auth).expect(200).conformsTo(PGBEAM).json().get("plans");
        assertEquals(List.of("starter", "pro", "scale"), List.of(plans.get(0).get("name").asText(), plans.get(1).get("name").asText(),
                plans.get(2).get("name").asText()), "self-serve tiers, cheapest first; enterprise is not listed");
        JsonNode pro = plans.get(1);
        assertEquals("Pro", pro.get("label").asText());
        assertEquals(29, pro.get("monthly_price").asInt());
        assertEquals(290, pro.get("annual_price").asInt());
        assertEquals(14, pro.get("trial_days").asInt());
        JsonNode limits = pro.get("limits");
        assertEquals(5, limits.get("max_projects").asInt());
        assertEquals(5, limits.get("max_databases").asInt());
        assertEquals(100, limits.get("max_connections").asInt());
        assertEquals(500, limits.get("queries_per_second").asInt());
        assertEquals(5_000_000, limits.get("queries_per_day").asLong());
        assertEquals(100L * 1024 * 1024 * 1024, limits.get("bytes_per_month").asLong());
        assertEquals(100, limits.get("max_query_shapes").asInt());
        assertEquals(3, limits.get("included_seats").asInt());
        assertEquals(0, plans.get(0).get("monthly_price").asInt());
        assertEquals(1, plans.get(0).get("limits").get("max_projects").asInt());
        http.get("/v1/plans").expect(401).conformsTo(PGBEAM);
    }

    @Test
    void theOperatorSeesTheTiersAsPublishedPlansThatPassEveryCatalogRule() {
        String[] operator = {"X-Internal-Secret", SECRET};
        JsonNode active = http.get("/api/v1/plans?status=active&orderBy=key", operator).expect(200).conformsTo(OPENMETER).json();
        List<String> keys = new java.util.ArrayList<>();
        active.get("items").forEach(p -> keys.add(p.get("key").asText()));
        assertTrue(keys.containsAll(List.of("enterprise", "pro", "scale", "starter")), keys.toString());
        JsonNode scale = http.get("/api/v1/plans/scale", operator).expect(200).conformsTo(OPENMETER).json();
        assertTrue(scale.toString().contains("\"featureKey\":\"custom_domains\""), "scale grants custom domains");
        assertFalse(http.get("/api/v1/plans/pro", operator).expect(200).json().toString().contains("custom_domains"));

        // A new version drafted from a seeded tier passes every rule a publication checks (features exist, metered
        // templates name metered features), which proves the seed is well-formed.
        JsonNode draft = http.post("/api/v1/plans/starter/next", "", operator).expect(201).conformsTo(OPENMETER).json();
        assertEquals(0, draft.get("validationErrors").size(), draft.get("validationErrors").toString());
        http.delete("/api/v1/plans/" + draft.get("id").asText(), operator).expect(204);

        // Organizations see their own (empty) catalog, never Tollgate's.
        String[] user = {"Authorization", "Bearer " + signUpOwner()};
        assertEquals(0, http.get("/api/v1/plans", user).expect(200).json().get("totalCount").asInt());
    }
}

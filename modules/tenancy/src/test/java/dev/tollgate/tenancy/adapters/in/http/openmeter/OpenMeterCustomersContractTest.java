package dev.tollgate.tenancy.adapters.in.http.openmeter;

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

/** OpenMeter's customers over real HTTP, validated against openmeter.yaml. */
@MicronautTest(transactional = false)
class OpenMeterCustomersContractTest extends HttpTest {
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

    @Test
    void customersHaveTheirLifecycle() {
        JsonNode acme = http.post("/api/v1/customers", """
                {"name":"Acme","key":"acme","usageAttribution":{"subjectKeys":["acme-prod","acme-dev"]},"primaryEmail":"ops@acme.test",
                 "currency":"EUR","billingAddress":{"country":"HU","city":"Budapest"},"metadata":{"crm":"42"}}""", auth())
                .expect(201).conformsTo(OPENMETER).json();
        String id = acme.get("id").asText();
        assertTrue(id.matches("^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$"), id);
        http.post("/api/v1/customers", "{\"name\":\"Globex\",\"usageAttribution\":{\"subjectKeys\":[\"globex\"]}}", auth())
                .expect(201).conformsTo(OPENMETER);

        assertEquals("Acme", http.get("/api/v1/customers/acme", auth()).expect(200).conformsTo(OPENMETER).json().get("name").asText());
        assertEquals("acme", http.get("/api/v1/customers/" + id, auth()).expect(200).json().get("key").asText());

        JsonNode page = http.get("/api/v1/customers?pageSize=1&orderBy=name", auth()).expect(200).conformsTo(OPENMETER).json();
        assertEquals(2, page.get("totalCount").asInt());
        assertEquals("Acme", page.get("items").get(0).get("name").asText());
        assertEquals(1, http.get("/api/v1/customers?subject=DEV", auth()).json().get("totalCount").asInt(), "partial, case-insensitive");

        JsonNode replaced = http.put("/api/v1/customers/acme", """
                {"name":"Acme Corp","key":"acme","usageAttribution":{"subjectKeys":["acme-prod"]}}""", auth())
                .expect(200).conformsTo(OPENMETER).json();
        assertEquals(1, replaced.get("usageAttribution").get("subjectKeys").size());
        // acme-dev was released by the replace: another customer may take it now.
        http.post("/api/v1/customers", "{\"name\":\"Dev team\",\"usageAttribution\":{\"subjectKeys\":[\"acme-dev\"]}}", auth()).expect(201);

        http.delete("/api/v1/customers/acme", auth()).expect(204).conformsTo(OPENMETER);
        http.get("/api/v1/customers/acme", auth()).expect(404).conformsTo(OPENMETER);
        assertEquals(3, http.get("/api/v1/customers?includeDeleted=true", auth()).json().get("totalCount").asInt());
        http.get("/api/v1/customers/globex", "Authorization", "Bearer " + newNamespace()).expect(404);
    }

    @Test
    void aSubjectBelongsToOneCustomerEvenUnderConcurrency() throws Exception {
        http.post("/api/v1/customers", "{\"name\":\"A\",\"key\":\"a\",\"usageAttribution\":{\"subjectKeys\":[\"shared\"]}}", auth()).expect(201);
        assertTrue(http.post("/api/v1/customers", "{\"name\":\"B\",\"usageAttribution\":{\"subjectKeys\":[\"shared\"]}}", auth())
                .expect(409).conformsTo(OPENMETER).body().contains("shared"));
        http.post("/api/v1/customers", "{\"name\":\"C\",\"key\":\"a\"}", auth()).expect(409).conformsTo(OPENMETER);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                attempts.add(pool.submit(() -> http.post("/api/v1/customers", """
                        {"name":"Racer %d","usageAttribution":{"subjectKeys":["contested"]}}""".formatted(n), auth()).status()));
            }
            int created = 0;
            for (Future<Integer> attempt : attempts) {
                int status = attempt.get();
                assertTrue(status == 201 || status == 409, "status " + status);
                created += status == 201 ? 1 : 0;
            }
            assertEquals(1, created, "exactly one customer got the subject");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badInputGetsAPreciseProblem() {
        http.post("/api/v1/customers", "{\"name\":\"No attribution\"}", auth()).expect(400).conformsTo(OPENMETER);
        assertTrue(http.post("/api/v1/customers", "{\"name\":\"X\",\"key\":\"x\",\"currency\":\"euro\"}", auth()).expect(400)
                .conformsTo(OPENMETER).body().contains("currency"));
        http.post("/api/v1/customers", "{\"key\":\"nameless\"}", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/customers?orderBy=email", auth()).expect(400).conformsTo(OPENMETER);
        http.get("/api/v1/customers", "Authorization", "Bearer wrong").expect(401).conformsTo(OPENMETER);
    }
}

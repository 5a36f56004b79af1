package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Centrali's capabilities of a workspace come from its entitlements in the system namespace: the operator grants a
 * feature to the organization's customer with OpenMeter's entitlement routes, and the capability turns on.
 */
@MicronautTest(transactional = false)
class CentraliCapabilitiesTest extends HttpTest {
    static final String SECRET = "capabilities-secret";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "scale");
        return properties;
    }

    @Test
    void capabilitiesFollowTheWorkspacesEntitlements() {
        JsonNode created = http.post("/workspace/api/v1", """
                {"name":"Capable","email":"owner-%s@example.com","username":"owner","password":"a long enough password",
                 "passwordConfirmation":"a long enough password"}""".formatted(UUID.randomUUID())).expect(201).json();
        String slug = created.get("workspace").get("slug").asText();
        String[] auth = {"Authorization", "Bearer " + created.get("auth_token").asText()};
        JsonNode before = http.get("/workspace/api/v1/" + slug + "/capabilities", auth).expect(200).conformsTo(CENTRALI).json();
        assertEquals("scale", before.get("plan").asText());
        assertFalse(before.get("capabilities").get("backups").get("enabled").asBoolean());

        String[] operator = {"X-Internal-Secret", SECRET};
        http.post("/api/v1/features", "{\"key\":\"backups\",\"name\":\"Backups\"}", operator).expect(201).conformsTo(OPENMETER);
        http.post("/api/v1/features", "{\"key\":\"storage\",\"name\":\"Storage\"}", operator).expect(201).conformsTo(OPENMETER);
        String orgId = http.get("/v1/organizations/" + slug, auth).expect(200).json().get("id").asText();
        http.post("/api/v2/customers/" + orgId + "/entitlements", "{\"type\":\"boolean\",\"featureKey\":\"backups\"}", operator)
                .expect(201).conformsTo(OPENMETER);
        http.post("/api/v2/customers/" + orgId + "/entitlements",
                "{\"type\":\"static\",\"featureKey\":\"storage\",\"config\":\"{\\\"maxFileSizeBytes\\\":104857600}\"}", operator)
                .expect(201).conformsTo(OPENMETER);

        JsonNode after = http.get("/workspace/api/v1/" + slug + "/capabilities", auth).expect(200).conformsTo(CENTRALI).json()
                .get("capabilities");
        assertTrue(after.get("backups").get("enabled").asBoolean());
        assertTrue(after.get("storage").get("enabled").asBoolean());
        assertEquals(104857600L, after.get("storage").get("maxFileSizeBytes").asLong());
        assertFalse(after.get("ai").get("enabled").asBoolean());

        // Another user's token does not see this workspace: Centrali documents 403 for a workspace the caller is no
        // member of, as its other workspace routes answer; a workspace that does not exist is 404.
        String stranger = signUpOwner();
        var forbidden = http.get("/workspace/api/v1/" + slug + "/capabilities", "Authorization", "Bearer " + stranger).expect(403)
                .conformsTo(CENTRALI).json();
        assertEquals(403, forbidden.get("status").asInt());
        assertFalse(forbidden.toString().contains("backups"), "nothing of the workspace's capabilities");
        http.get("/workspace/api/v1/no-such-workspace-" + UUID.randomUUID() + "/capabilities", "Authorization", "Bearer " + stranger).expect(404)
                .conformsTo(CENTRALI);
    }
}

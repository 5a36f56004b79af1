package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The assembled application: every module's beans, demo data, the README tour's calls and the merged API docs. */
@MicronautTest(transactional = false)
class DemoDataEndToEndTest extends HttpTest {
    static final String KEY = "tg_endtoendtestkey_0123456789abcdef";
    static final String SECRET = "internal-test-secret";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.admin.api-key", KEY);
        properties.put("tollgate.admin.password", "demo password 123");
        properties.put("tollgate.internal-secret", SECRET);
        return properties;
    }

    @Test
    void theReadmeTourWorksAgainstTheDemoData() {
        String[] auth = {"Authorization", "Bearer " + KEY};
        http.get("/v1/health").expect(200);
        var org = http.get("/v1/organizations/demo", auth).expect(200).conformsTo(PLANETSCALE);
        assertEquals("Demo", org.json().get("display_name").asText());
        http.get("/api/v1/workspaces/1", auth).expect(200).conformsTo(PHP_TENANT);
        var login = http.post("/v1/auth/login", "{\"email\":\"admin@tollgate.local\",\"password\":\"demo password 123\"}").expect(200);
        String token = login.json().get("access_token").asText();
        http.post("/v1/organizations/demo/teams", "{\"name\":\"Platform\"}", "Authorization", "Bearer " + token).expect(201);
    }

    @Test
    void internalRoutesRequireTheSecret() {
        http.get("/v1/internal/billing-health").expect(401).conformsTo(PGBEAM);
        http.get("/v1/internal/billing-health", "X-Internal-Secret", SECRET).expect(200).conformsTo(PGBEAM);
        String unknownOrganization = "{\"org_id\":\"org_00000000000000000000000000\",\"plan\":\"pro\",\"status\":\"active\"}";
        http.post("/v1/internal/sync-plan", unknownOrganization).expect(401).conformsTo(PGBEAM);
        http.post("/v1/internal/sync-plan", unknownOrganization, "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        // Past the secret the request itself is judged: the organization it names does not exist.
        http.post("/v1/internal/sync-plan", unknownOrganization, "X-Internal-Secret", SECRET).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void theMergedOpenApiDocumentAndItsUiAreServed() {
        var spec = http.get("/swagger/tollgate.yml").expect(200);
        assertTrue(spec.body().contains("listOrganizations"), "module paths are merged into the application's document");
        assertTrue(spec.body().contains("createWorkspace"));
        http.get("/swagger-ui/index.html").expect(200);
    }
}

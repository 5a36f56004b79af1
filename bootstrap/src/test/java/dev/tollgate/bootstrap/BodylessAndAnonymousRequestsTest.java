package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.ApiContract;
import dev.tollgate.testing.FakeDnsServer;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Operations without a request body accept whatever Content-Type a client sends with its empty body (Python's urllib
 * sends {@code application/x-www-form-urlencoded}); and authentication is decided before the content type or the body
 * is looked at: an anonymous request is the dialect's 401, never a 415 or a 400.
 */
@MicronautTest(transactional = false)
class BodylessAndAnonymousRequestsTest extends HttpTest {
    static final String FORM = "application/x-www-form-urlencoded";
    static final FakeDnsServer DNS = FakeDnsServer.startOrFail();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.dns.server", DNS.address());
        return properties;
    }

    @AfterAll
    void stopDns() {
        DNS.close();
    }

    @Test
    void bodylessPostsIgnoreTheirContentType() {
        JsonNode owner = http.post("/workspace/api/v1", """
                {"name":"Bodyless","email":"owner-%s@example.com","username":"owner","password":"a long enough password",
                 "passwordConfirmation":"a long enough password"}""".formatted(UUID.randomUUID())).expect(201).json();
        String token = owner.get("auth_token").asText();
        String slug = owner.get("workspace").get("slug").asText();
        String[] form = {"Authorization", "Bearer " + token, "Content-Type", FORM};
        String orgId = http.get("/v1/organizations/" + slug, form[0], form[1]).expect(200).json().get("id").asText();

        JsonNode project = http.post("/v1/projects", """
                {"name":"app","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.port()), form[0], form[1]).expect(201).json();
        String projectId = project.get("project").get("id").asText();
        String databaseId = project.get("database").get("id").asText();
        http.post("/v1/projects/" + projectId + "/databases/" + databaseId + "/test-connection", null, form)
                .expect(200).conformsTo(PGBEAM);
        String domainId = http.post("/v1/projects/" + projectId + "/domains", "{\"domain\":\"db.bodyless.example\"}",
                form[0], form[1]).expect(201).json().get("id").asText();
        http.post("/v1/projects/" + projectId + "/domains/" + domainId + "/verify", null, form).expect(200).conformsTo(PGBEAM);

        long number = http.get("/api/workspaces/current", form[0], form[1]).expect(200).json().get("id").asLong();
        http.post("/api/workspaces/" + number + "/switch", null, form).expect(200).conformsTo(PHP_TENANT);

        String second = http.post("/api/workspaces", "{\"name\":\"Second\"}", form[0], form[1]).expect(200).json().get("slug").asText();
        http.post("/workspace/api/v1/" + second + "/delete", null, form).expect(200).conformsTo(CENTRALI);
        http.post("/workspace/api/v1/" + second + "/restore", null, form).expect(200).conformsTo(CENTRALI);

        http.post("/v1/auth/logout", null, form).expect(204);
    }

    @Test
    void anonymousRequestsAreUnauthenticatedWhateverTheyCarry() {
        record Call(String path, ApiContract.Document dialect) {
        }
        for (Call call : new Call[] {
                new Call("/v1/projects", PGBEAM),
                new Call("/v1/organizations/demo/teams", PLANETSCALE),
                new Call("/workspace/api/v1/demo/delete", CENTRALI),
                new Call("/api/v1/customers", OPENMETER),
                new Call("/api/workspaces", PHP_TENANT)}) {
            for (String contentType : new String[] {"text/plain", FORM, "application/json"}) {
                var response = http.post(call.path(), "{not json", "Content-Type", contentType);
                assertEquals(401, response.status(), call.path() + " with " + contentType + ": " + response.body());
                response.conformsTo(call.dialect());
            }
        }
        // A public route beside a variable one stays public: /version is not /{slug}.
        http.get("/workspace/api/v1/version").expect(200);
        http.post("/v1/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"wrong password\"}", "Content-Type", "text/plain")
                .expect(415);
    }
}

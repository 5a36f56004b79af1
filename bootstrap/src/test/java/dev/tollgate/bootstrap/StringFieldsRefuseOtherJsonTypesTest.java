package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.EmbeddedPostgresServer;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A field the documents type as a string takes a JSON string only: a number, boolean, object or array is the
 * dialect's 400, never its text (Micronaut Serde would coerce {@code 42} to {@code "42"}).
 */
@MicronautTest(transactional = false)
class StringFieldsRefuseOtherJsonTypesTest extends HttpTest {

    @Test
    void centraliRefusesANumberForTheWorkspaceName() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        String body = """
                {"name":%s,"email":"%s","username":"owner","password":"a long enough password","passwordConfirmation":"a long enough password"}""";
        for (String notAString : new String[] {"42", "true", "{\"a\":1}", "[\"x\"]"}) {
            JsonNode error = http.post("/workspace/api/v1", body.formatted(notAString, email)).expect(400).conformsTo(CENTRALI).json();
            assertEquals(400, error.get("status").asInt(), notAString);
            assertTrue(error.get("message").asText().contains("expected a JSON string"), error.toString());
        }
        // the same body with a string is created, so the refusal above was the type alone
        http.post("/workspace/api/v1", body.formatted("\"Typed\"", email)).expect(201).conformsTo(CENTRALI);
    }

    @Test
    void pgBeamRefusesANumberForTheProjectName() {
        Accounts.Account owner = Accounts.signUp(http, "Typed");
        String body = """
                {"name":%s,"org_id":"%s","database":{"host":"localhost","port":%d,"name":"postgres","username":"postgres","password":"pw",
                 "ssl_mode":"disable"}}""";
        int port = EmbeddedPostgresServer.get().getPort();
        for (String notAString : new String[] {"12345", "false", "{}", "[]"}) {
            JsonNode error = http.post("/v1/projects", body.formatted(notAString, owner.orgId(), port), owner.auth())
                    .expect(400).conformsTo(PGBEAM).json();
            assertEquals("validation_failed", error.get("error").get("code").asText(), notAString);
            assertTrue(error.get("error").get("message").asText().contains("expected a JSON string"), error.toString());
        }
        // a number where the database's name (a string) belongs is refused too: nested records take the same rule
        JsonNode nested = http.post("/v1/projects", """
                {"name":"app","org_id":"%s","database":{"host":"localhost","port":%d,"name":5432,"username":"postgres","password":"pw",
                 "ssl_mode":"disable"}}""".formatted(owner.orgId(), port), owner.auth()).expect(400).conformsTo(PGBEAM).json();
        assertTrue(nested.get("error").get("message").asText().contains("expected a JSON string"), nested.toString());
        // and so are the elements of a list of strings
        JsonNode listed = http.post("/v1/api-keys", """
                {"org_id":"%s","name":"k","scopes":[7]}""".formatted(owner.orgId()), owner.auth()).expect(400).conformsTo(PGBEAM).json();
        assertTrue(listed.get("error").get("message").asText().contains("expected a JSON string"), listed.toString());
    }

    @Test
    void numbersAndBooleansTakeOnlyTheirJsonType() {
        Accounts.Account owner = Accounts.signUp(http, "Typed");
        JsonNode created = http.post("/v1/projects", """
                {"name":"app","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres","password":"pw",
                 "ssl_mode":"disable"}}""".formatted(owner.orgId(), dev.tollgate.testing.UpstreamPostgres.port()), owner.auth())
                .expect(201).json();
        String database = "/v1/projects/" + created.get("project").get("id").asText() + "/databases/"
                + created.get("database").get("id").asText();
        for (String wrong : new String[] {"{\"port\":\"12\"}", "{\"port\":1.5}", "{\"port\":true}", "{\"query_timeout_ms\":\"100\"}",
                "{\"port\":99999999999}", "{\"auto_read_routing\":1}", "{\"auto_read_routing\":\"yes\"}",
                "{\"pool_config\":{\"pool_size\":\"5\"}}"}) {
            JsonNode error = http.patch(database, wrong, owner.auth()).expect(400).conformsTo(PGBEAM).json();
            assertTrue(error.get("error").get("message").asText().contains("expected"), wrong + ": " + error);
        }
        http.patch(database, "{\"port\":" + dev.tollgate.testing.UpstreamPostgres.port() + ",\"auto_read_routing\":true}", owner.auth())
                .expect(200).conformsTo(PGBEAM);
    }
}

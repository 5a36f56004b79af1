package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale's two database-webhook operations against planetscale-platform.yaml (ADR 0048): a database is one of the
 * organization's proxy projects, by id or unique name; up to five webhooks each; the URL judged by the destination
 * guard; the secret taken, never shown.
 */
@MicronautTest(transactional = false)
class PlanetScaleWebhooksContractTest extends HttpTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.tiers.initial", "scale");
        properties.put("tollgate.webhooks.allowed-targets", "127.0.0.0/8");
        return properties;
    }

    record Database(Account owner, String projectId, String name) {
        String path(String database) {
            return "/v1/organizations/" + owner.orgSlug() + "/databases/" + database + "/webhooks";
        }
    }

    Database database(String label) {
        Account owner = Accounts.signUp(http, label);
        String name = label.toLowerCase() + "-db";
        String projectId = http.post("/v1/projects", """
                {"name":"%s","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable"}}""".formatted(name, owner.orgId(), UpstreamPostgres.port()), owner.auth())
                .expect(201).json().get("project").get("id").asText();
        return new Database(owner, projectId, name);
    }

    @Test
    void aDatabaseHasUpToFiveWebhooksWhoseSecretIsNeverShown() {
        Database db = database("Pscale");
        JsonNode empty = http.get(db.path(db.projectId()), db.owner().auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertTrue(empty.get("data").isArray() && empty.get("data").isEmpty());

        JsonNode created = http.post(db.path(db.name()), """
                {"url":"http://127.0.0.1:9/hooks","events":["branch.ready","deploy_request.opened"],"secret":"a-shared-secret-of-at-least-32-chars"}""",
                db.owner().auth()).expect(201).conformsTo(PLANETSCALE).json();
        assertTrue(created.get("id").asText().startsWith("whk_"));
        assertEquals("http://127.0.0.1:9/hooks", created.get("url").asText());
        assertEquals(2, created.get("events").size());
        assertTrue(created.get("active").asBoolean());
        assertFalse(created.has("secret"), "the secret is never echoed");
        // without a secret one is generated (and not shown either)
        JsonNode generated = http.post(db.path(db.projectId()), """
                {"url":"http://127.0.0.1:9/other","events":["branch.ready"]}""", db.owner().auth()).expect(201).conformsTo(PLANETSCALE).json();
        assertFalse(generated.has("secret"));

        // the database by name and by id is the same database
        JsonNode listed = http.get(db.path(db.name()), db.owner().auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(2, listed.size());
        assertEquals(created.get("id").asText(), listed.get(0).get("id").asText());
        assertFalse(listed.get(0).has("secret"));

        for (int i = 0; i < 3; i++) {
            http.post(db.path(db.projectId()), "{\"url\":\"http://127.0.0.1:9/" + i + "\",\"events\":[\"branch.ready\"]}", db.owner().auth())
                    .expect(201).conformsTo(PLANETSCALE);
        }
        JsonNode sixth = http.post(db.path(db.projectId()), "{\"url\":\"http://127.0.0.1:9/6\",\"events\":[\"branch.ready\"]}",
                db.owner().auth()).expect(422).conformsTo(PLANETSCALE).json();
        assertTrue(sixth.get("message").asText().contains("up to 5 webhooks"), sixth.toString());
        assertEquals(5, http.get(db.path(db.projectId()), db.owner().auth()).expect(200).json().get("data").size());

        // another database of the same organization has its own five
        Database other = new Database(db.owner(), http.post("/v1/projects", """
                {"name":"second","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw","ssl_mode":"disable"}}""".formatted(db.owner().orgId(), UpstreamPostgres.port()), db.owner().auth())
                .expect(201).json().get("project").get("id").asText(), "second");
        assertEquals(0, http.get(other.path(other.projectId()), db.owner().auth()).expect(200).json().get("data").size());
    }

    @Test
    void aUrlTheGuardRefusesAndBadFieldsAre422() {
        Database db = database("Guarded");
        for (String body : new String[] {
                "{\"url\":\"https://10.1.2.3/hooks\",\"events\":[\"branch.ready\"]}",
                "{\"url\":\"https://169.254.169.254/latest\",\"events\":[\"branch.ready\"]}",
                "{\"url\":\"ftp://example.com/hooks\",\"events\":[\"branch.ready\"]}",
                "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[]}",
                "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"\"]}",
                "{\"events\":[\"branch.ready\"]}",
                "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"branch.ready\"],\"secret\":\"short\"}"}) {
            JsonNode refused = http.post(db.path(db.projectId()), body, db.owner().auth()).expect(422).conformsTo(PLANETSCALE).json();
            assertTrue(refused.has("code") && refused.has("message"), refused.toString());
        }
        assertEquals(0, http.get(db.path(db.projectId()), db.owner().auth()).expect(200).json().get("data").size());
    }

    @Test
    void unknownDatabasesAndOtherOrganizationsAreNotFoundAndAnonymousCallersUnauthorized() {
        Database db = database("Owner");
        Database stranger = database("Stranger");
        String body = "{\"url\":\"http://127.0.0.1:9/hooks\",\"events\":[\"branch.ready\"]}";
        http.get(db.path("no-such-db"), db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db.path("no-such-db"), body, db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        // another organization's database, under one's own organization or under theirs
        http.get(db.path(stranger.projectId()), db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db.path(stranger.projectId()), body, db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(stranger.path(stranger.projectId()), db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(stranger.path(stranger.projectId()), body, db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(db.path(db.projectId())).expect(401).conformsTo(PLANETSCALE);
        http.post(db.path(db.projectId()), body).expect(401).conformsTo(PLANETSCALE);
    }
}

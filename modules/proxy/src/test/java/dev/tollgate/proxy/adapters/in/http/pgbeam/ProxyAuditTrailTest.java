package dev.tollgate.proxy.adapters.in.http.pgbeam;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What the proxy's control plane writes to the organization's audit log: each change once, passwords never. */
@MicronautTest(transactional = false)
class ProxyAuditTrailTest extends HttpTest {
    @Test
    void projectsDatabasesReplicasAndDomainsAreAudited() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"audit-%s@example.com","password":"correct horse battery","organization_name":"Audit Beam"}
                """.formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String orgId = signedUp.get("organization").get("id").asText();
        String slug = signedUp.get("organization").get("slug").asText();
        String upstream = """
                {"host":"localhost","port":%d,"name":"postgres","username":"postgres","password":"first-pw-7f3a","ssl_mode":"disable"}"""
                .formatted(UpstreamPostgres.get().getPort());

        JsonNode created = http.post("/v1/projects", "{\"name\":\"Ledger\",\"org_id\":\"%s\",\"database\":%s}".formatted(orgId, upstream),
                auth).expect(201).json();
        String projectId = created.get("project").get("id").asText();
        String databaseId = created.get("database").get("id").asText();
        http.patch("/v1/projects/" + projectId, "{\"name\":\"General Ledger\"}", auth).expect(200);
        http.patch("/v1/projects/" + projectId, "{\"name\":\"General Ledger\"}", auth).expect(200); // changes nothing
        http.patch("/v1/projects/" + projectId + "/databases/" + databaseId, "{\"password\":\"second-pw-9c1d\",\"query_timeout_ms\":4000}", auth)
                .expect(200);
        String replicaId = http.post("/v1/databases/" + databaseId + "/replicas", "{\"host\":\"localhost\",\"port\":5433}", auth).expect(201)
                .json().get("id").asText();
        http.delete("/v1/databases/" + databaseId + "/replicas/" + replicaId, auth).expect(204);
        http.delete("/v1/projects/" + projectId, auth).expect(204);

        var activity = http.get("/workspace/api/v1/" + slug + "/audit/activity?limit=100", auth).expect(200).conformsTo(CENTRALI);
        List<String> types = new ArrayList<>();
        activity.json().get("entries").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(List.of("project.deleted", "replica.deleted", "replica.created", "database.updated", "project.updated",
                "database.created", "project.created", "workspace.created"), types);
        JsonNode databaseUpdate = activity.json().get("entries").get(3);
        assertEquals(4000, databaseUpdate.get("after").get("query_timeout_ms").asInt());
        assertTrue(databaseUpdate.get("after").get("password_changed").asBoolean());
        assertEquals(databaseId, databaseUpdate.get("resourceId").asText());
        assertFalse(activity.body().contains("first-pw-7f3a") || activity.body().contains("second-pw-9c1d"), "no password in the log");
    }
}

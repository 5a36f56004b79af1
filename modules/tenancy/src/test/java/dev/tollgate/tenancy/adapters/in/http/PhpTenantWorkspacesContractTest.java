package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ten php-tenant workspace operations, session and API-key flavours, validated against php-tenant.yaml. */
@MicronautTest(transactional = false)
class PhpTenantWorkspacesContractTest extends HttpTest {
    Account bob;

    @BeforeAll
    void setUp() {
        bob = Accounts.signUp(http, "Bob");
    }

    @Test
    void sessionRoutesCoverTheWorkspaceLifecycle() {
        var created = http.post("/api/workspaces", """
                {"name":"Acme Corp","icon":"fa-building","color":"#3b82f6","type":"agency"}""", bob.cookie())
                .expect(200).conformsTo(PHP_TENANT);
        long id = created.json().get("id").asLong();
        assertTrue(created.json().get("slug").asText().startsWith("acme-corp-"));
        assertEquals(1, created.json().get("users_count").asInt());

        var list = http.get("/api/workspaces?per_page=1", bob.cookie()).expect(200).conformsTo(PHP_TENANT);
        assertEquals(2, list.json().get("meta").get("total").asInt());
        assertEquals(2, list.json().get("meta").get("last_page").asInt());
        http.get("/api/workspaces?type=agency", bob.cookie()).expect(200).conformsTo(PHP_TENANT);
        http.get("/api/workspaces?search=acme&is_active=true", bob.cookie()).expect(200).conformsTo(PHP_TENANT);

        http.get("/api/workspaces/" + id, bob.cookie()).expect(200).conformsTo(PHP_TENANT);
        var updated = http.put("/api/workspaces/" + id, "{\"name\":\"Acme Corporation\",\"is_active\":false}", bob.cookie())
                .expect(200).conformsTo(PHP_TENANT);
        assertEquals("Acme Corporation", updated.json().get("name").asText());

        var switched = http.post("/api/workspaces/" + id + "/switch", null, bob.cookie()).expect(200).conformsTo(PHP_TENANT);
        assertEquals(id, switched.json().get("id").asLong());
        assertEquals(id, http.get("/api/workspaces/current", bob.cookie()).expect(200).conformsTo(PHP_TENANT).json().get("id").asLong());

        http.delete("/api/workspaces/" + id, bob.cookie()).expect(204);
        http.get("/api/workspaces/" + id, bob.cookie()).expect(404).conformsTo(PHP_TENANT);
        // The deleted workspace was current: the oldest remaining one takes over.
        assertEquals(bob.orgNumber(), http.get("/api/workspaces/current", bob.cookie()).expect(200).json().get("id").asLong());
        // ...and the last workspace cannot be deleted.
        var refused = http.delete("/api/workspaces/" + bob.orgNumber(), bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        assertEquals("cannot_delete", refused.json().get("error").asText());
    }

    @Test
    void apiKeyRoutesSeeOnlyTheKeysWorkspace() {
        String key = Accounts.apiKey(http, bob, "workspaces.read");
        String[] auth = {"Authorization", "Bearer " + key};
        var list = http.get("/api/v1/workspaces", auth).expect(200).conformsTo(PHP_TENANT);
        assertEquals(1, list.json().get("data").size());
        http.get("/api/v1/workspaces/current", auth).expect(200).conformsTo(PHP_TENANT);
        http.get("/api/v1/workspaces/" + bob.orgNumber(), auth).expect(200).conformsTo(PHP_TENANT);

        Account carol = Accounts.signUp(http, "Carol");
        http.get("/api/v1/workspaces/" + carol.orgNumber(), auth).expect(404).conformsTo(PHP_TENANT);
        http.get("/api/workspaces/" + bob.orgNumber(), carol.cookie()).expect(404).conformsTo(PHP_TENANT);
        http.put("/api/workspaces/" + bob.orgNumber(), "{\"name\":\"pwned\"}", carol.cookie()).expect(404).conformsTo(PHP_TENANT);
    }

    @Test
    void aKeyWithoutTheScopeIsForbidden() {
        String key = Accounts.apiKey(http, bob, "entitlements.read");
        http.get("/api/v1/workspaces/" + bob.orgNumber(), "Authorization", "Bearer " + key).expect(403).conformsTo(PHP_TENANT);
    }

    @Test
    void badInputGetsLaravelStyleErrors() {
        var missing = http.post("/api/workspaces", "{\"description\":\"no name\"}", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        assertEquals("The name field is required.", missing.json().get("errors").get("name").get(0).asText());
        http.post("/api/workspaces", "{\"name\":\"" + "n".repeat(256) + "\"}", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        http.post("/api/workspaces", "{\"name\":\"X\",\"type\":\"galactic\"}", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        http.post("/api/workspaces", "{\"name\":\"X\",\"slug\":\"version\"}", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        // createWorkspace documents no 409: a slug in use is a validation error, as Laravel's unique rule reports it.
        var taken = http.post("/api/workspaces", "{\"name\":\"X\",\"slug\":\"" + bob.orgSlug() + "\"}", bob.cookie()).expect(422)
                .conformsTo(PHP_TENANT);
        assertEquals("The slug has already been taken.", taken.json().get("errors").get("slug").get(0).asText());
        String other = http.post("/api/workspaces", "{\"name\":\"Other\"}", bob.cookie()).expect(200).json().get("slug").asText();
        http.put("/api/workspaces/" + bob.orgNumber(), "{\"slug\":\"" + other + "\"}", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        http.post("/api/workspaces", "{\"name\":", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        http.put("/api/workspaces/" + bob.orgNumber(), "{\"is_active\":\"maybe\"}", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        http.get("/api/workspaces?per_page=500", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        http.get("/api/workspaces/not-a-number", bob.cookie()).expect(422).conformsTo(PHP_TENANT);
        var anonymous = http.get("/api/workspaces").expect(401).conformsTo(PHP_TENANT);
        assertEquals("Unauthenticated", anonymous.json().get("error").asText());
        http.get("/api/workspaces", "Cookie", "session=forged").expect(401).conformsTo(PHP_TENANT);
    }
}

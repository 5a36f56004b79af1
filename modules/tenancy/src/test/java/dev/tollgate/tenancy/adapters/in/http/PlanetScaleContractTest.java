package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every PlanetScale tenancy operation over real HTTP, each response validated against planetscale-platform.yaml. */
@MicronautTest(transactional = false)
class PlanetScaleContractTest extends HttpTest {
    Account alice;

    @BeforeAll
    void setUp() {
        alice = Accounts.signUp(http, "Alice");
    }

    private String org() {
        return "/v1/organizations/" + alice.orgSlug();
    }

    @Test
    void organizationsAreListedAndRead() {
        var list = http.get("/v1/organizations", alice.auth()).expect(200).conformsTo(PLANETSCALE);
        assertEquals(alice.orgSlug(), list.json().get("data").get(0).get("name").asText());
        var one = http.get(org(), alice.auth()).expect(200).conformsTo(PLANETSCALE);
        assertEquals(alice.orgId(), one.json().get("id").asText());
    }

    @Test
    void membersAreListedReadUpdatedAndRemoved() {
        var list = http.get(org() + "/members?page=1&per_page=10", alice.auth()).expect(200).conformsTo(PLANETSCALE);
        String ownerId = list.json().get("data").get(0).get("id").asText();
        var owner = http.get(org() + "/members/" + ownerId, alice.auth()).expect(200).conformsTo(PLANETSCALE);
        assertEquals("admin", owner.json().get("role").asText(), "PlanetScale has no owner role: the owner shows as admin");
        // Asking for the role already shown changes nothing: 200 with the same member.
        var unchanged = http.patch(org() + "/members/" + ownerId, "{\"role\":\"admin\"}", alice.auth()).expect(200).conformsTo(PLANETSCALE);
        assertEquals("admin", unchanged.json().get("role").asText());
        assertEquals(ownerId, unchanged.json().get("id").asText());
        // The owner's role is fixed and the owner cannot be removed: 422 in PlanetScale's shape.
        http.patch(org() + "/members/" + ownerId, "{\"role\":\"member\"}", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.delete(org() + "/members/" + ownerId, alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.patch(org() + "/members/" + ownerId, "{\"role\":\"emperor\"}", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.get(org() + "/members/mem_unknown", alice.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(org() + "/members?per_page=101", alice.auth()).expect(422).conformsTo(PLANETSCALE);
    }

    @Test
    void teamsHaveTheirFullLifecycle() {
        var created = http.post(org() + "/teams", "{\"name\":\"Data Platform\",\"description\":\"DBAs\"}", alice.auth())
                .expect(201).conformsTo(PLANETSCALE);
        String slug = created.json().get("slug").asText();
        assertEquals("data-platform", slug);
        http.post(org() + "/teams", "{\"name\":\"Data Platform\"}", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(org() + "/teams", "{\"description\":\"no name\"}", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.get(org() + "/teams", alice.auth()).expect(200).conformsTo(PLANETSCALE);
        http.get(org() + "/teams/" + slug, alice.auth()).expect(200).conformsTo(PLANETSCALE);
        var updated = http.patch(org() + "/teams/" + slug, "{\"description\":\"Database people\"}", alice.auth())
                .expect(200).conformsTo(PLANETSCALE);
        assertEquals("Database people", updated.json().get("description").asText());
        http.delete(org() + "/teams/" + slug, alice.auth()).expect(204);
        http.get(org() + "/teams/" + slug, alice.auth()).expect(404).conformsTo(PLANETSCALE);
    }

    @Test
    void serviceTokensAuthenticateOnlyWithTheirGrantsAndDieOnDelete() {
        var created = http.post(org() + "/service-tokens", "{\"name\":\"ci\"}", alice.auth()).expect(201).conformsTo(PLANETSCALE);
        String id = created.json().get("id").asText();
        String header = "ServiceToken " + id + ":" + created.json().get("token").asText();
        http.get(org() + "/service-tokens", alice.auth()).expect(200).conformsTo(PLANETSCALE);
        var one = http.get(org() + "/service-tokens/" + id, alice.auth()).expect(200).conformsTo(PLANETSCALE);
        assertFalse(one.json().has("token"), "the token value is shown only at creation");

        // No grants yet: authenticated, but not allowed (PlanetScale reports that as 401).
        http.get(org() + "/members", "Authorization", header).expect(401).conformsTo(PLANETSCALE);
        http.post(org() + "/service-tokens/" + id + "/accesses", "{\"access\":\"read_organization\"}", alice.auth())
                .expect(201).conformsTo(PLANETSCALE);
        http.post(org() + "/service-tokens/" + id + "/accesses", "{\"access\":\"read_everything\"}", alice.auth())
                .expect(422).conformsTo(PLANETSCALE);
        var accesses = http.get(org() + "/service-tokens/" + id + "/accesses", alice.auth()).expect(200).conformsTo(PLANETSCALE);
        assertEquals(1, accesses.json().get("data").size());
        http.get(org() + "/members", "Authorization", header).expect(200).conformsTo(PLANETSCALE);
        // read_organization does not allow writes
        http.post(org() + "/teams", "{\"name\":\"x\"}", "Authorization", header).expect(401).conformsTo(PLANETSCALE);
        // wrong secret
        http.get(org() + "/members", "Authorization", "ServiceToken " + id + ":nope").expect(401).conformsTo(PLANETSCALE);

        http.delete(org() + "/service-tokens/" + id, alice.auth()).expect(204);
        http.get(org() + "/members", "Authorization", header).expect(401).conformsTo(PLANETSCALE);
        http.get(org() + "/service-tokens/" + id, alice.auth()).expect(404).conformsTo(PLANETSCALE);
    }

    @Test
    void anotherTenantSeesNothingOfAlice() {
        Account mallory = Accounts.signUp(http, "Mallory");
        http.get(org(), mallory.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(org() + "/members", mallory.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(org() + "/teams", "{\"name\":\"evil\"}", mallory.auth()).expect(404).conformsTo(PLANETSCALE);
        var list = http.get("/v1/organizations", mallory.auth()).expect(200).json().get("data");
        assertEquals(1, list.size());
        assertTrue(list.get(0).get("name").asText().startsWith("mallory-inc"));
    }

    @Test
    void badInputIsRefusedInPlanetScaleShape() {
        http.get("/v1/organizations").expect(401).conformsTo(PLANETSCALE);
        http.get("/v1/organizations", "Authorization", "Bearer not-a-token").expect(401).conformsTo(PLANETSCALE);
        http.post(org() + "/teams", "{\"name\":", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(org() + "/teams", "{\"name\":[1,2]}", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(org() + "/teams", "{\"name\":\"" + "x".repeat(101) + "\"}", alice.auth()).expect(422).conformsTo(PLANETSCALE);
        http.get(org() + "/teams?page=0", alice.auth()).expect(422).conformsTo(PLANETSCALE);
    }
}

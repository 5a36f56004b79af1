package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A credential can hand out only what its holder could do: API keys and service tokens mint keys and grant accesses
 * they hold themselves, users only what their role allows.
 */
@MicronautTest(transactional = false)
class GrantBoundsTest extends HttpTest {
    Account owner;
    Account admin;

    @BeforeAll
    void setUp() {
        owner = Accounts.signUp(http, "Owen");
        admin = Accounts.signUp(http, "Ada");
        String adminMemberId = Accounts.join(http, owner, admin, "admin");
        assertTrue(adminMemberId.startsWith("mem"), adminMemberId);
    }

    private TestHttpExchange createKey(String[] auth, String... scopes) {
        return new TestHttpExchange(http.post("/v1/api-keys", "{\"org_id\":\"%s\",\"name\":\"k\",\"scopes\":[\"%s\"]}"
                .formatted(owner.orgId(), String.join("\",\"", scopes)), auth));
    }

    record TestHttpExchange(dev.tollgate.testing.TestHttp.Exchange exchange) {
        String message() {
            return exchange.json().get("error").get("message").asText();
        }
    }

    @Test
    void anApiKeyMintsOnlyScopesItHolds() {
        String[] keysOnly = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "api_keys.write")};
        var star = createKey(keysOnly, "*");
        star.exchange().expect(403).conformsTo(PGBEAM);
        assertTrue(star.message().contains("'*'"), star.message());
        var read = createKey(keysOnly, "api_keys.write", "workspaces.read");
        read.exchange().expect(403).conformsTo(PGBEAM);
        assertTrue(read.message().contains("'workspaces.read'"), read.message());
        createKey(keysOnly, "api_keys.write").exchange().expect(201);

        String[] all = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "*")};
        createKey(all, "*").exchange().expect(201);
        createKey(all, "workspaces.delete").exchange().expect(201);
    }

    @Test
    void anAdminCannotMintOwnerOnlyScopes() {
        var delete = createKey(admin.auth(), "workspaces.read", "workspaces.delete");
        delete.exchange().expect(403).conformsTo(PGBEAM);
        assertTrue(delete.message().contains("'workspaces.delete'") && delete.message().contains("owner"), delete.message());
        var star = createKey(admin.auth(), "*");
        star.exchange().expect(403).conformsTo(PGBEAM);
        assertTrue(star.message().contains("'*'"), star.message());
        createKey(admin.auth(), "workspaces.read", "members.write").exchange().expect(201);
        createKey(owner.auth(), "workspaces.delete").exchange().expect(201);
    }

    @Test
    void serviceTokensGrantOnlyAccessesTheyHold() {
        String org = "/v1/organizations/" + owner.orgSlug();
        JsonNode token = http.post(org + "/service-tokens", "{\"name\":\"ci\"}", owner.auth()).expect(201).json();
        String id = token.get("id").asText();
        String[] asToken = {"Authorization", "ServiceToken " + id + ":" + token.get("token").asText()};
        http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"write_service_tokens\"}", owner.auth()).expect(201);

        // the token may grant only what it holds: not delete_organization, not even to itself
        var refused = http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"delete_organization\"}", asToken)
                .expect(401).conformsTo(PLANETSCALE); // PlanetScale answers missing permissions with 401
        assertTrue(refused.json().get("message").asText().contains("'delete_organization'"), refused.body());
        http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"write_service_tokens\"}", asToken).expect(201);

        // an admin may not grant the owner's delete_organization either; the owner may
        var byAdmin = http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"delete_organization\"}", admin.auth())
                .expect(401).conformsTo(PLANETSCALE);
        assertTrue(byAdmin.json().get("message").asText().contains("'delete_organization'"), byAdmin.body());
        http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"delete_organization\"}", owner.auth()).expect(201);

        // an API key grants an access only if it holds the scopes behind it
        String[] tokensKey = {"Authorization", "Bearer " + Accounts.apiKey(http, owner, "tokens.write")};
        var byKey = http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"write_organization\"}", tokensKey)
                .expect(401).conformsTo(PLANETSCALE);
        assertTrue(byKey.json().get("message").asText().contains("'write_organization'"), byKey.body());
    }

    @Test
    void theDashIsNotAnAccessAndNeverAllowedMetering() {
        String org = "/v1/organizations/" + owner.orgSlug();
        JsonNode token = http.post(org + "/service-tokens", "{\"name\":\"dash\"}", owner.auth()).expect(201).json();
        String id = token.get("id").asText();
        var dash = http.post(org + "/service-tokens/" + id + "/accesses", "{\"access\":\"-\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        assertTrue(dash.body().contains("unknown access '-'"), dash.body());
        assertEquals(0, http.get(org + "/service-tokens/" + id + "/accesses", owner.auth()).json().get("data").size());
    }
}

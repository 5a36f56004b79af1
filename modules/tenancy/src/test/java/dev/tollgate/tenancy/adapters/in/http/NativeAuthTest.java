package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** Sign-up, login, logout, API keys and the PgBeam health check. */
@MicronautTest(transactional = false)
class NativeAuthTest extends HttpTest {

    @Test
    void loginIssuesWorkingCredentialsAndLogoutKillsThem() {
        Account dana = Accounts.signUp(http, "Dana");
        var login = http.post("/v1/auth/login", "{\"email\":\"" + dana.email() + "\",\"password\":\"correct horse battery\"}").expect(200);
        String token = login.json().get("access_token").asText();
        assertTrue(login.header("Set-Cookie").toLowerCase().contains("httponly"));
        var me = http.get("/v1/me", "Authorization", "Bearer " + token).expect(200);
        assertEquals(dana.email(), me.json().get("email").asText());
        assertFalse(me.toString().contains("password"));

        http.post("/v1/auth/logout", null, "Authorization", "Bearer " + token).expect(204);
        http.get("/v1/me", "Authorization", "Bearer " + token).expect(401).conformsTo(PGBEAM);
        // other sessions of the same user are untouched
        http.get("/v1/me", dana.auth()).expect(200);

        http.post("/v1/auth/login", "{\"email\":\"" + dana.email() + "\",\"password\":\"wrong password!!\"}").expect(401).conformsTo(PGBEAM);
        http.post("/v1/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"whatever it is\"}").expect(401).conformsTo(PGBEAM);
        var jwks = http.get("/.well-known/jwks.json").expect(200).json();
        assertEquals("RSA", jwks.get("keys").get(0).get("kty").asText());
        assertFalse(jwks.get("keys").get(0).has("d"), "the private exponent must never be published");
    }

    @Test
    void signUpValidatesAndRefusesDuplicates() {
        Account erin = Accounts.signUp(http, "Erin");
        http.post("/v1/auth/signup", "{\"email\":\"" + erin.email() + "\",\"password\":\"correct horse battery\"}").expect(409).conformsTo(PGBEAM);
        http.post("/v1/auth/signup", "{\"email\":\"x@example.com\",\"password\":\"short\"}").expect(400).conformsTo(PGBEAM);
        http.post("/v1/auth/signup", "{\"email\":\"nope\",\"password\":\"correct horse battery\"}").expect(400).conformsTo(PGBEAM);
        http.post("/v1/auth/signup", "{\"email\":", "Content-Type", "application/json").expect(400).conformsTo(PGBEAM);
        var tooBig = http.post("/v1/auth/signup", "{\"email\":\"" + "a".repeat(2_000_000) + "\"}").expect(413).conformsTo(PGBEAM);
        assertEquals("payload_too_large", tooBig.json().get("error").get("code").asText());
    }

    @Test
    void apiKeysAreShownOnceHashedScopedAndRevocableAtOnce() {
        Account fay = Accounts.signUp(http, "Fay");
        var created = http.post("/v1/api-keys", "{\"org_id\":\"" + fay.orgId() + "\",\"name\":\"ci\",\"scopes\":[\"workspaces.read\"]}",
                fay.auth()).expect(201);
        String key = created.json().get("key").asText();
        String keyId = created.json().get("id").asText();
        assertTrue(key.startsWith(created.json().get("prefix").asText()));
        var listed = http.get("/v1/api-keys?org_id=" + fay.orgSlug(), fay.auth()).expect(200);
        assertFalse(listed.body().contains(key), "the secret is never shown again");

        http.get("/v1/organizations/" + fay.orgSlug(), "Authorization", "Bearer " + key).expect(200);
        var used = http.get("/v1/api-keys?org_id=" + fay.orgSlug(), fay.auth()).expect(200).json().get("api_keys");
        assertTrue(used.get(0).has("last_used_at"), "the first use is recorded: " + used);
        // workspaces.read does not allow managing API keys
        http.get("/v1/api-keys?org_id=" + fay.orgSlug(), "Authorization", "Bearer " + key).expect(403).conformsTo(PGBEAM);
        http.post("/v1/api-keys", "{\"org_id\":\"" + fay.orgId() + "\",\"name\":\"x\",\"scopes\":[\"workspaces.raed\"]}", fay.auth())
                .expect(400).conformsTo(PGBEAM);

        Account gus = Accounts.signUp(http, "Gus");
        http.delete("/v1/api-keys/" + keyId + "?org_id=" + fay.orgSlug(), gus.auth()).expect(404).conformsTo(PGBEAM);
        http.delete("/v1/api-keys/" + keyId + "?org_id=" + fay.orgSlug(), fay.auth()).expect(204);
        http.get("/v1/organizations/" + fay.orgSlug(), "Authorization", "Bearer " + key).expect(401);
        assertTrue(http.get("/v1/api-keys?org_id=" + fay.orgId(), fay.auth()).json().get("api_keys").get(0).has("revoked_at"));
    }
}

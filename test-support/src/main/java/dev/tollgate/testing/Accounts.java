package dev.tollgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Test fixture: accounts created through the real sign-up route. */
public final class Accounts {
    private Accounts() {
    }

    /** A signed-up user with their first organization. */
    public record Account(String email, String token, String sessionCookie, String orgId, String orgSlug, long orgNumber) {
        public String[] auth() {
            return new String[] {"Authorization", "Bearer " + token};
        }

        public String[] cookie() {
            return new String[] {"Cookie", "session=" + sessionCookie};
        }
    }

    public static Account signUp(TestHttp http, String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var exchange = http.post("/v1/auth/signup", """
                {"email":"%s","password":"correct horse battery","name":"%s","organization_name":"%s Inc"}
                """.formatted(email, name, name)).expect(201);
        JsonNode body = exchange.json();
        String cookie = exchange.header("Set-Cookie");
        String session = cookie.substring("session=".length(), cookie.indexOf(';'));
        String slug = body.get("organization").get("slug").asText();
        // php-tenant's numeric id, read through the session route
        long number = http.get("/api/workspaces/current", "Cookie", "session=" + session).expect(200).json().get("id").asLong();
        return new Account(email, body.get("access_token").asText(), session, body.get("organization").get("id").asText(), slug, number);
    }

    /**
     * Makes {@code member} a member of {@code organization}'s first organization the way people join: invited by its
     * owner, accepted by themselves. Returns the new membership's id.
     */
    public static String join(TestHttp http, Account organization, Account member, String role) {
        String invitation = http.post("/v1/invitations", """
                {"org_id":"%s","email":"%s","role":"%s"}""".formatted(organization.orgId(), member.email(), role), organization.auth())
                .expect(202).json().get("id").asText();
        return http.post("/v1/invitations/" + invitation + "/accept", null, member.auth()).expect(201).json().get("id").asText();
    }

    /** An API key of the account's organization with the given scopes; returns the plaintext. */
    public static String apiKey(TestHttp http, Account account, String... scopes) {
        String list = String.join("\",\"", scopes);
        return http.post("/v1/api-keys", """
                {"org_id":"%s","name":"test key","scopes":["%s"]}""".formatted(account.orgId(), list), account.auth())
                .expect(201).json().get("key").asText();
    }
}

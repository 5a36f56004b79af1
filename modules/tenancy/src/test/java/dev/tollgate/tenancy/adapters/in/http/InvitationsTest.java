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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** People join an organization by invitation; inviting tells the inviter nothing about which emails have accounts. */
@MicronautTest(transactional = false)
class InvitationsTest extends HttpTest {

    private JsonNode invite(Account owner, String email, String role) {
        return http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"%s\",\"role\":\"%s\"}".formatted(owner.orgId(), email, role),
                owner.auth()).expect(202).json();
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void invitingAnEmailWithAnAccountAnswersExactlyLikeInvitingOneWithout() {
        Account owner = Accounts.signUp(http, "Ines");
        Account existing = Accounts.signUp(http, "Ezra");
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";

        var withAccount = http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"%s\"}".formatted(owner.orgId(), existing.email()),
                owner.auth());
        var withoutAccount = http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"%s\"}".formatted(owner.orgId(), unknown),
                owner.auth());

        assertEquals(202, withAccount.status(), withAccount.body());
        assertEquals(withAccount.status(), withoutAccount.status());
        assertEquals(names(withAccount.json()), names(withoutAccount.json()));
        assertEquals(unknown, withoutAccount.json().get("email").asText());
        assertEquals("member", withoutAccount.json().get("role").asText());
        JsonNode listed = http.get("/v1/invitations?org_id=" + owner.orgId(), owner.auth()).expect(200).json().get("invitations");
        assertEquals(2, listed.size());
    }

    @Test
    void onlyTheInviteeSeesAndAcceptsAndAcceptingUsesTheInvitationUp() {
        Account owner = Accounts.signUp(http, "Oskar");
        Account invitee = Accounts.signUp(http, "Ivy");
        Account bystander = Accounts.signUp(http, "Bea");
        String id = invite(owner, invitee.email().toUpperCase(), "admin").get("id").asText();
        assertTrue(id.startsWith("inv_"), id);

        JsonNode mine = http.get("/v1/invitations", invitee.auth()).expect(200).json().get("invitations");
        assertEquals(1, mine.size());
        assertEquals(id, mine.get(0).get("id").asText());
        assertEquals(owner.orgId(), mine.get(0).get("org_id").asText());
        assertEquals(0, http.get("/v1/invitations", bystander.auth()).expect(200).json().get("invitations").size());

        http.post("/v1/invitations/" + id + "/accept", null, bystander.auth()).expect(404).conformsTo(PGBEAM);
        http.delete("/v1/invitations/" + id, bystander.auth()).expect(404).conformsTo(PGBEAM);

        JsonNode member = http.post("/v1/invitations/" + id + "/accept", null, invitee.auth()).expect(201).json();
        assertEquals("admin", member.get("role").asText());
        assertEquals(invitee.email(), member.get("email").asText());
        http.get("/v1/organizations/" + owner.orgSlug() + "/members/" + member.get("id").asText(), invitee.auth())
                .expect(200).conformsTo(PLANETSCALE);
        http.post("/v1/invitations/" + id + "/accept", null, invitee.auth()).expect(404).conformsTo(PGBEAM);
        assertEquals(0, http.get("/v1/invitations", invitee.auth()).expect(200).json().get("invitations").size());
    }

    @Test
    void reinvitingRenewsTheOfferAndEitherSideCanWithdrawIt() {
        Account owner = Accounts.signUp(http, "Rita");
        Account invitee = Accounts.signUp(http, "Rolf");
        JsonNode first = invite(owner, invitee.email(), "member");
        JsonNode again = invite(owner, invitee.email(), "database_admin");
        assertEquals(first.get("id"), again.get("id"));
        assertEquals("database_admin", again.get("role").asText());

        http.delete("/v1/invitations/" + first.get("id").asText(), invitee.auth()).expect(204); // declined
        assertEquals(0, http.get("/v1/invitations", invitee.auth()).expect(200).json().get("invitations").size());

        String second = invite(owner, invitee.email(), "member").get("id").asText();
        http.delete("/v1/invitations/" + second, owner.auth()).expect(204); // withdrawn
        http.post("/v1/invitations/" + second + "/accept", null, invitee.auth()).expect(404).conformsTo(PGBEAM);
    }

    @Test
    void ownersCannotBeInvitedAndCredentialsOtherThanAPersonHoldNoInvitations() {
        Account owner = Accounts.signUp(http, "Uma");
        String refused = http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"a@example.com\",\"role\":\"owner\"}"
                .formatted(owner.orgId()), owner.auth()).expect(400).conformsTo(PGBEAM).body();
        assertTrue(refused.contains("role"), refused);
        http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"not-an-email\"}".formatted(owner.orgId()), owner.auth())
                .expect(400).conformsTo(PGBEAM);
        String key = Accounts.apiKey(http, owner, "*");
        http.get("/v1/invitations", "Authorization", "Bearer " + key).expect(403).conformsTo(PGBEAM);
        http.get("/v1/invitations").expect(401).conformsTo(PGBEAM);
    }
}

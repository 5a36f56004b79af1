package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's onboarding checklist and RecordConsent over real HTTP, against pgbeam-control-plane.json. What the data plane
 * reports (a project, a query) is the deployable's test; here the organization is new and the dashboard marks steps.
 */
@MicronautTest(transactional = false)
class PgBeamOnboardingContractTest extends HttpTest {
    static final String SECRET = "onboarding-operator";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        return properties;
    }

    @Test
    void aNewOrganizationHasOneStepDoneAndTheDashboardMarksAndDismisses() {
        Account owner = Accounts.signUp(http, "Onboarded");
        String path = "/v1/organizations/" + owner.orgId() + "/onboarding";
        JsonNode fresh = http.get(path, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(owner.orgId(), fresh.get("organization_id").asText());
        assertTrue(fresh.get("org_created").asBoolean());
        assertFalse(fresh.get("project_created").asBoolean());
        assertEquals(1, fresh.get("steps_completed").asInt());
        assertEquals(6, fresh.get("steps_total").asInt());
        assertFalse(fresh.get("completed").asBoolean());
        assertTrue(fresh.get("completed_at").isNull());

        JsonNode copied = http.patch(path, "{\"step\":\"connection_string_copied\"}", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(copied.get("connection_string_copied").asBoolean());
        assertEquals(2, copied.get("steps_completed").asInt());
        JsonNode dismissed = http.patch("/v1/organizations/" + owner.orgSlug() + "/onboarding", "{\"dismiss\":true}", owner.auth()).expect(200)
                .conformsTo(PGBEAM).json();
        assertTrue(dismissed.get("dismissed").asBoolean());
        assertTrue(dismissed.get("connection_string_copied").asBoolean(), "a marked step stays marked");
        assertFalse(http.patch(path, "{\"dismiss\":false}", owner.auth()).expect(200).json().get("dismissed").asBoolean());
        // Marking every step completes the checklist, at the last step's time.
        for (String step : new String[] {"project_created", "database_added", "connection_tested", "first_query_run"}) {
            http.patch(path, "{\"step\":\"" + step + "\"}", owner.auth()).expect(200).conformsTo(PGBEAM);
        }
        JsonNode done = http.get(path, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(done.get("completed").asBoolean());
        assertEquals(6, done.get("steps_completed").asInt());
        assertFalse(done.get("completed_at").isNull());
    }

    @Test
    void badInputAndStrangersGetPgBeamsErrors() {
        Account owner = Accounts.signUp(http, "Checked");
        String path = "/v1/organizations/" + owner.orgId() + "/onboarding";
        http.patch(path, "{}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.patch(path, "{\"step\":\"org_created\"}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.patch(path, "{\"dismiss\":\"yes\"}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.get(path).expect(401).conformsTo(PGBEAM);
        http.patch(path, "{\"dismiss\":true}").expect(401).conformsTo(PGBEAM);
        Account stranger = Accounts.signUp(http, "Peeker");
        http.get(path, stranger.auth()).expect(404).conformsTo(PGBEAM);
        http.patch(path, "{\"dismiss\":true}", stranger.auth()).expect(404).conformsTo(PGBEAM);
        http.get("/v1/organizations/org_00000000000000000000000000/onboarding", owner.auth()).expect(404).conformsTo(PGBEAM);
        http.patch("/v1/organizations/org_00000000000000000000000000/onboarding", "{\"dismiss\":true}", owner.auth()).expect(404)
                .conformsTo(PGBEAM);
        assertFalse(http.get(path, owner.auth()).json().get("dismissed").asBoolean(), "the stranger changed nothing");
    }

    @Test
    void consentsAreRecordedByTheOperatorOnly() {
        JsonNode me = http.get("/v1/me", Accounts.signUp(http, "Consenting").auth()).expect(200).json();
        String userId = me.get("id").asText();
        String body = "{\"user_id\":\"%s\",\"document_type\":\"terms_of_service\",\"document_version\":\"2026-01\",\"ip_address\":\"203.0.113.9\"}"
                .formatted(userId);
        JsonNode recorded = http.post("/v1/internal/consent", body, "X-Internal-Secret", SECRET).expect(201).conformsTo(PGBEAM).json();
        assertEquals(userId, recorded.get("user_id").asText());
        assertEquals("2026-01", recorded.get("document_version").asText());
        assertTrue(recorded.get("id").asText().startsWith("cns_"));
        http.post("/v1/internal/consent", body).expect(401).conformsTo(PGBEAM);
        http.post("/v1/internal/consent", body, "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        http.post("/v1/internal/consent", body.replace("terms_of_service", "cookie_policy"), "X-Internal-Secret", SECRET).expect(400)
                .conformsTo(PGBEAM);
        http.post("/v1/internal/consent", body.replace(userId, "usr_00000000000000000000000000"), "X-Internal-Secret", SECRET).expect(400)
                .conformsTo(PGBEAM);
        http.post("/v1/internal/consent", "{\"user_id\":\"" + userId + "\"}", "X-Internal-Secret", SECRET).expect(400).conformsTo(PGBEAM);
    }

    @Test
    void theAccountExportHoldsThePersonsDataAndNoSecret() {
        Account person = Accounts.signUp(http, "Portable");
        String userId = http.get("/v1/me", person.auth()).expect(200).json().get("id").asText();
        http.post("/v1/internal/consent", "{\"user_id\":\"%s\",\"document_type\":\"privacy_policy\",\"document_version\":\"v3\"}"
                .formatted(userId), "X-Internal-Secret", SECRET).expect(201);
        String key = Accounts.apiKey(http, person, "workspaces.read");
        JsonNode export = http.get("/v1/account/export", person.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(userId, export.get("user").get("id").asText());
        assertEquals(person.email(), export.get("user").get("email").asText());
        assertEquals("owner", export.get("organizations").get(0).get("role").asText());
        assertEquals(person.orgSlug(), export.get("organizations").get(0).get("slug").asText());
        assertTrue(export.get("sessions").size() >= 1);
        assertEquals("v3", export.get("consents").get(0).get("document_version").asText());
        assertTrue(export.get("audit_logs").toString().contains("api_key.created"), export.get("audit_logs").toString());
        assertEquals(0, export.get("projects").size());
        String body = export.toString();
        assertFalse(body.contains(key) || body.contains("correct horse battery") || body.contains("argon2"), "no credential in the export");
        http.get("/v1/account/export").expect(401).conformsTo(PGBEAM);
        http.get("/v1/account/export", "Authorization", "Bearer " + key).expect(403).conformsTo(PGBEAM);
    }
}

package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.tenancy.standalone.StandInProvisioning;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Centrali's provision-status over real HTTP: services run in order after creation, a failure stops them, a retry resumes. */
@MicronautTest(transactional = false)
class CentraliProvisioningContractTest extends HttpTest {
    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.outbox.poll-interval", "100ms");
        properties.put("tollgate.jobs.provisioning-interval", "100ms");
        return properties;
    }

    @AfterEach
    void healBilling() {
        StandInProvisioning.FAIL_BILLING.set(false);
    }

    private JsonNode awaitStatus(Account a, Predicate<JsonNode> until) throws InterruptedException {
        JsonNode status = null;
        for (int i = 0; i < 200; i++) {
            status = http.get("/workspace/api/v1/" + a.orgSlug() + "/provision-status", a.auth()).expect(200).conformsTo(CENTRALI).json();
            if (until.test(status)) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("provisioning did not settle: " + status);
    }

    @Test
    void aNewWorkspaceIsProvisionedServiceByService() throws Exception {
        Account owner = Accounts.signUp(http, "Provisioned");
        JsonNode ready = awaitStatus(owner, s -> s.get("status").asText().equals("ready"));
        assertEquals(owner.orgSlug(), ready.get("workspace_slug").asText());
        assertEquals("ready", ready.get("services").get("billing").asText());
        assertEquals("ready", ready.get("services").get("entitlements").asText());
        // Nothing failed: a retry has nothing to do.
        http.post("/workspace/api/v1/" + owner.orgSlug() + "/provision-status/retry", "{\"service\":\"billing\"}", owner.auth()).expect(400)
                .conformsTo(CENTRALI);
        http.post("/workspace/api/v1/" + owner.orgSlug() + "/provision-status/retry", null, owner.auth()).expect(400).conformsTo(CENTRALI);
    }

    @Test
    void aFailedServiceStopsTheOnesAfterItUntilItIsRetried() throws Exception {
        StandInProvisioning.FAIL_BILLING.set(true);
        Account owner = Accounts.signUp(http, "Stalled");
        JsonNode failed = awaitStatus(owner, s -> s.get("status").asText().equals("failed"));
        assertEquals("failed", failed.get("services").get("billing").asText());
        assertEquals("pending", failed.get("services").get("entitlements").asText(), "waits behind the failed one");
        String retry = "/workspace/api/v1/" + owner.orgSlug() + "/provision-status/retry";
        JsonNode stillFailing = http.post(retry, "{\"service\":\"billing\"}", owner.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals("failed", stillFailing.get("status").asText());
        StandInProvisioning.FAIL_BILLING.set(false);
        JsonNode retried = http.post(retry, "{\"service\":\"billing\"}", owner.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals("billing", retried.get("service").asText());
        assertEquals("ready", retried.get("status").asText());
        assertEquals(owner.orgSlug(), retried.get("workspace_slug").asText());
        JsonNode ready = awaitStatus(owner, s -> s.get("status").asText().equals("ready"));
        assertEquals("ready", ready.get("services").get("entitlements").asText(), "the rest ran after the retry");
    }

    @Test
    void strangersMembersAndBadInputAreRefusedInCentralisShape() throws Exception {
        Account owner = Accounts.signUp(http, "Guarded");
        Account member = Accounts.signUp(http, "Watcher");
        Accounts.join(http, owner, member, "member");
        Account stranger = Accounts.signUp(http, "Outsider");
        String base = "/workspace/api/v1/" + owner.orgSlug() + "/provision-status";
        http.get(base).expect(401).conformsTo(CENTRALI);
        http.post(base + "/retry", null).expect(401).conformsTo(CENTRALI);
        http.get(base, stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.post(base + "/retry", "{\"service\":\"billing\"}", stranger.auth()).expect(403).conformsTo(CENTRALI);
        http.get(base, member.auth()).expect(200).conformsTo(CENTRALI); // members see it; admins retry
        http.post(base + "/retry", "{\"service\":\"billing\"}", member.auth()).expect(403).conformsTo(CENTRALI);
        http.post(base + "/retry", "{\"service\":\"teleporter\"}", owner.auth()).expect(400).conformsTo(CENTRALI);
        String missing = "/workspace/api/v1/no-such-" + UUID.randomUUID() + "/provision-status";
        http.get(missing, owner.auth()).expect(404).conformsTo(CENTRALI);
        http.post(missing + "/retry", null, owner.auth()).expect(404).conformsTo(CENTRALI);
    }
}

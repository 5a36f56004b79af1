package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.FakeDnsServer;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's four custom-domain operations, validated against the document: registration hands out DNS instructions,
 * verification reads the TXT record through a real DNS client (from a local DNS server this test feeds), and both need
 * the tier's custom_domains feature.
 */
@MicronautTest(transactional = false)
class PgBeamCustomDomainsContractTest extends HttpTest {
    static final String SECRET = "custom-domains-secret";
    static final FakeDnsServer DNS = FakeDnsServer.startOrFail();


    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "scale");
        properties.put("tollgate.dns.server", DNS.address());
        return properties;
    }

    @AfterAll
    void stopDns() {
        DNS.close();
    }

    record Owner(String[] auth, String orgId, String projectId) {
    }

    private Owner ownerWithProject() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"owner-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String orgId = signedUp.get("organization").get("id").asText();
        String projectId = http.post("/v1/projects", """
                {"name":"app","org_id":"%s","database":{"host":"localhost","port":%d,"name":"postgres","username":"postgres","password":"pw",
                 "ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort()), auth).expect(201).json()
                .get("project").get("id").asText();
        return new Owner(auth, orgId, projectId);
    }

    @Test
    void aDomainIsRegisteredProvenByDnsAndDeleted() {
        Owner owner = ownerWithProject();
        String base = "/v1/projects/" + owner.projectId() + "/domains";
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        JsonNode created = http.post(base, "{\"domain\":\"" + name.toUpperCase() + "\"}", owner.auth()).expect(201).conformsTo(PGBEAM).json();
        String id = created.get("id").asText();
        assertTrue(id.startsWith("dom_"));
        assertEquals(name, created.get("domain").asText(), "stored in lower case");
        assertFalse(created.get("verified").asBoolean());
        JsonNode dns = created.get("dns_instructions");
        assertEquals("_tollgate-verify." + name, dns.get("txt_host").asText());
        assertEquals("tollgate-verify=" + created.get("dns_verification_token").asText(), dns.get("txt_value").asText());

        http.post(base, "{\"domain\":\"" + name + "\"}", owner.auth()).expect(409).conformsTo(PGBEAM);
        // An unproven claim blocks nobody: a squatter may claim the name too, but cannot prove it.
        Owner squatter = ownerWithProject();
        String squatted = http.post("/v1/projects/" + squatter.projectId() + "/domains", "{\"domain\":\"" + name + "\"}", squatter.auth())
                .expect(201).conformsTo(PGBEAM).json().get("id").asText();
        JsonNode unproven = http.post(base + "/" + id + "/verify", null, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertFalse(unproven.get("verified").asBoolean());
        assertTrue(unproven.get("error").asText().contains("no TXT record"), unproven.toString());

        DNS.publishTxt(dns.get("txt_host").asText(), "unrelated", "tollgate-verify=wrong");
        JsonNode wrong = http.post(base + "/" + id + "/verify", null, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertFalse(wrong.get("verified").asBoolean());

        DNS.publishTxt(dns.get("txt_host").asText(), "unrelated", dns.get("txt_value").asText());
        java.time.Instant beforeProof = java.time.Instant.now();
        JsonNode proven = http.post(base + "/" + id + "/verify", null, owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertTrue(proven.get("verified").asBoolean());
        // verified_at is the moment of this verification (to the microsecond it is stored with)
        java.time.Instant verifiedAt = java.time.Instant.parse(proven.get("domain").get("verified_at").asText());
        assertFalse(verifiedAt.isBefore(beforeProof.truncatedTo(java.time.temporal.ChronoUnit.MICROS)), verifiedAt + " < " + beforeProof);
        assertFalse(verifiedAt.isAfter(java.time.Instant.now()), verifiedAt.toString());
        assertFalse(http.post("/v1/projects/" + squatter.projectId() + "/domains/" + squatted + "/verify", null, squatter.auth()).expect(200)
                .conformsTo(PGBEAM).json().get("verified").asBoolean(), "the squatter's token is not in DNS");

        JsonNode list = http.get(base + "?page_size=10", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(1, list.get("domains").size());
        assertTrue(list.get("domains").get(0).get("verified").asBoolean());

        // Once proven, a hostname has one owner across all organizations.
        Owner other = ownerWithProject();
        http.post("/v1/projects/" + other.projectId() + "/domains", "{\"domain\":\"" + name + "\"}", other.auth()).expect(409).conformsTo(PGBEAM);
        // ... and nobody else sees or removes it.
        http.get(base, other.auth()).expect(404).conformsTo(PGBEAM);
        http.delete(base + "/" + id, other.auth()).expect(404).conformsTo(PGBEAM);

        http.delete(base + "/" + id, owner.auth()).expect(204);
        http.delete(base + "/" + id, owner.auth()).expect(404).conformsTo(PGBEAM);
        http.post("/v1/projects/" + other.projectId() + "/domains", "{\"domain\":\"" + name + "\"}", other.auth()).expect(201).conformsTo(PGBEAM);
    }

    @Test
    void twoProjectsRacingToVerifyOneDomainMakeExactlyOneOwner() throws Exception {
        String name = "race-" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
        Owner first = ownerWithProject();
        Owner second = ownerWithProject();
        String[] paths = new String[2];
        String[][] auths = {first.auth(), second.auth()};
        String[] tokens = new String[2];
        for (int i = 0; i < 2; i++) {
            String base = "/v1/projects/" + (i == 0 ? first : second).projectId() + "/domains";
            JsonNode created = http.post(base, "{\"domain\":\"" + name + "\"}", auths[i]).expect(201).json();
            paths[i] = base + "/" + created.get("id").asText();
            tokens[i] = created.get("dns_instructions").get("txt_value").asText();
        }
        // Both proofs are in DNS (the name changed hands, say): only the database can decide, and it must decide once.
        DNS.publishTxt("_tollgate-verify." + name, tokens[0], tokens[1]);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<dev.tollgate.testing.TestHttp.Exchange>> answers = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                int project = i % 2;
                answers.add(pool.submit(() -> {
                    start.await();
                    return http.post(paths[project] + "/verify", null, auths[project]);
                }));
            }
            start.countDown();
            for (var answer : answers) {
                var exchange = answer.get().conformsTo(PGBEAM);
                assertTrue(exchange.status() == 200 || exchange.status() == 409, exchange.status() + " " + exchange.body());
            }
        } finally {
            pool.shutdownNow();
        }
        int owners = 0;
        for (int i = 0; i < 2; i++) {
            JsonNode domains = http.get(paths[i].substring(0, paths[i].lastIndexOf('/')), auths[i]).expect(200).conformsTo(PGBEAM).json()
                    .get("domains");
            owners += domains.get(0).get("verified").asBoolean() ? 1 : 0;
        }
        assertEquals(1, owners, "exactly one project owns the hostname");
    }

    @Test
    void badNamesAreRefusedAndTheFeatureIsRequired() {
        Owner owner = ownerWithProject();
        String base = "/v1/projects/" + owner.projectId() + "/domains";
        for (String bad : new String[] {"", "-bad.example.com", "under_score.example.com", "localhost", "x.tollgate.localhost", "*.example.com"}) {
            http.post(base, "{\"domain\":\"" + bad + "\"}", owner.auth()).expect(400).conformsTo(PGBEAM);
        }
        http.post(base, "{}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.post(base + "/dom_nope/verify", null, owner.auth()).expect(404).conformsTo(PGBEAM);
        // Each verification asks DNS: a few a minute per domain, then 429.
        String pending = http.post(base, "{\"domain\":\"pending-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org\"}", owner.auth())
                .expect(201).json().get("id").asText();
        for (int i = 0; i < 6; i++) {
            http.post(base + "/" + pending + "/verify", null, owner.auth()).expect(200);
        }
        http.post(base + "/" + pending + "/verify", null, owner.auth()).expect(429).conformsTo(PGBEAM);

        String domainId = http.post(base, "{\"domain\":\"keep-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org\"}", owner.auth())
                .expect(201).json().get("id").asText();
        // Down to starter, which has no custom domains: creating and verifying are refused, listing and deleting are not.
        http.post("/v1/internal/sync-plan", "{\"org_id\":\"%s\",\"plan\":\"pro\",\"status\":\"canceled\"}".formatted(owner.orgId()),
                "X-Internal-Secret", SECRET).expect(200);
        JsonNode refused = http.post(base, "{\"domain\":\"db.example.net\"}", owner.auth()).expect(403).conformsTo(PGBEAM).json();
        assertEquals("Custom domains require a Scale or Enterprise plan.", refused.get("error").get("message").asText());
        http.post(base + "/" + domainId + "/verify", null, owner.auth()).expect(403).conformsTo(PGBEAM);
        http.get(base, owner.auth()).expect(200).conformsTo(PGBEAM);
        http.delete(base + "/" + domainId, owner.auth()).expect(204);
    }
}

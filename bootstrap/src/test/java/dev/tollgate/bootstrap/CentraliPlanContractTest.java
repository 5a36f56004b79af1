package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Centrali's plan of a workspace is its Tollgate tier (ADR 0038): read from its entitlements, changed through its tier
 * subscription in the system namespace (an upgrade now, a downgrade at the end of the billing period).
 */
@MicronautTest(transactional = false)
class CentraliPlanContractTest extends HttpTest {
    static final String SECRET = "centrali-plan-secret";
    static final String[] OPERATOR = {"X-Internal-Secret", SECRET};
    static final long MIB = 1024L * 1024L;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        properties.put("tollgate.tiers.initial", "starter");
        return properties;
    }

    private JsonNode plan(Accounts.Account a) {
        return http.get("/workspace/api/v1/" + a.orgSlug() + "/plan", a.auth()).expect(200).conformsTo(CENTRALI).json();
    }

    /** The organization's tier subscriptions as the operator sees them, oldest first. */
    private JsonNode subscriptions(Accounts.Account a) {
        return http.get("/api/v1/customers/" + a.orgId() + "/subscriptions?orderBy=activeFrom&order=ASC", OPERATOR).expect(200)
                .conformsTo(OPENMETER).json().get("items");
    }

    private static List<String> statuses(JsonNode subscriptions) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : subscriptions) {
            if (!s.hasNonNull("deletedAt")) { // a dropped downgrade that never started
                out.add(s.get("plan").get("key").asText() + ":" + s.get("status").asText());
            }
        }
        return out;
    }

    @Test
    void thePlanIsTheTierAndItsQuotaComesFromTheTiersLimits() {
        Accounts.Account owner = Accounts.signUp(http, "Planner");
        JsonNode starter = plan(owner);
        assertEquals("starter", starter.get("currentPlan").asText());
        assertEquals("[\"starter\",\"pro\",\"scale\"]", starter.get("availablePlans").toString(), "the self-serve tiers, smallest first");
        assertEquals(5368709120L / MIB, starter.get("quota").get("storageMB").asLong(), "5 GiB of transfer a month");
        assertEquals(100000, starter.get("quota").get("computeExecutions").asLong(), "queries a day");
        assertEquals(10, starter.get("quota").get("smartQueries").asLong(), "query shapes");

        // A stranger may neither read nor change it.
        Accounts.Account stranger = Accounts.signUp(http, "Stranger");
        JsonNode forbidden = http.get("/workspace/api/v1/" + owner.orgSlug() + "/plan", stranger.auth()).expect(403).conformsTo(CENTRALI).json();
        assertFalse(forbidden.toString().contains("quota"), forbidden.toString());
        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/scale", null, stranger.auth()).expect(403).conformsTo(CENTRALI);
        assertEquals("starter", plan(owner).get("currentPlan").asText(), "nobody but the owner changed it");
        assertEquals(List.of("starter:active"), statuses(subscriptions(owner)));

        // Without credentials; a workspace that does not exist.
        http.get("/workspace/api/v1/" + owner.orgSlug() + "/plan").expect(401).conformsTo(CENTRALI);
        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/pro", null).expect(401).conformsTo(CENTRALI);
        String nowhere = "/workspace/api/v1/no-such-" + UUID.randomUUID() + "/plan";
        http.get(nowhere, owner.auth()).expect(404).conformsTo(CENTRALI);
        http.patch(nowhere + "/pro", null, owner.auth()).expect(404).conformsTo(CENTRALI);

        // Plans Tollgate does not sell to a workspace itself.
        for (String unknown : List.of("platinum", "enterprise", "PRO")) {
            JsonNode bad = http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/" + unknown, null, owner.auth()).expect(400)
                    .conformsTo(CENTRALI).json();
            assertEquals(400, bad.get("status").asInt());
            assertTrue(bad.get("message").asText().contains("starter, pro, scale"), bad.toString());
        }
        assertEquals(List.of("starter:active"), statuses(subscriptions(owner)));
    }

    @Test
    void anUpgradeIsInForceAtOnceAndADowngradeWaitsForTheEndOfTheBillingPeriod() {
        Accounts.Account owner = Accounts.signUp(http, "Mover");
        String path = "/workspace/api/v1/" + owner.orgSlug() + "/plan/";
        // No body; whatever content type a client declares is fine.
        JsonNode upgrade = http.send("PATCH", path + "pro", null, "Authorization", owner.auth()[1], "Content-Type", "application/json")
                .expect(200).conformsTo(CENTRALI).json();
        assertEquals("starter", upgrade.get("previousPlan").asText());
        assertEquals("pro", upgrade.get("currentPlan").asText());
        assertEquals("immediate", upgrade.get("effective").asText());
        JsonNode pro = plan(owner);
        assertEquals("pro", pro.get("currentPlan").asText());
        assertEquals(107374182400L / MIB, pro.get("quota").get("storageMB").asLong());
        assertEquals(5000000, pro.get("quota").get("computeExecutions").asLong());
        assertEquals(100, pro.get("quota").get("smartQueries").asLong());
        JsonNode afterUpgrade = subscriptions(owner);
        assertEquals(List.of("starter:inactive", "pro:active"), statuses(afterUpgrade));

        JsonNode downgrade = http.patch(path + "starter", null, owner.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals("pro", downgrade.get("previousPlan").asText());
        assertEquals("starter", downgrade.get("requestedPlan").asText());
        assertEquals("pro", downgrade.get("currentPlan").asText(), "the paid tier stays to the end of its period");
        assertEquals("period_end", downgrade.get("effective").asText());
        JsonNode afterDowngrade = subscriptions(owner);
        assertEquals(List.of("starter:inactive", "pro:canceled", "starter:scheduled"), statuses(afterDowngrade));
        Instant boundary = Instant.parse(afterDowngrade.get(2).get("activeFrom").asText());
        assertEquals(boundary, Instant.parse(downgrade.get("effectiveAt").asText()));
        assertTrue(boundary.isAfter(Instant.now()), boundary.toString());
        assertEquals("pro", plan(owner).get("currentPlan").asText());

        // Asking for the tier in force again drops the pending downgrade.
        JsonNode stay = http.patch(path + "pro", null, owner.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals("pro", stay.get("currentPlan").asText());
        assertEquals("immediate", stay.get("effective").asText());
        assertEquals(List.of("starter:inactive", "pro:active"), statuses(subscriptions(owner)));
        assertEquals("pro", plan(owner).get("currentPlan").asText());
    }

    @Test
    void aMemberMayReadThePlanButOnlyBillingAdminsChangeIt() {
        Accounts.Account owner = Accounts.signUp(http, "Team");
        http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/pro", null, owner.auth()).expect(200).conformsTo(CENTRALI);
        Accounts.Account member = Accounts.signUp(http, "Member"); // pro has seats for them
        Accounts.join(http, owner, member, "member");
        assertEquals("pro", http.get("/workspace/api/v1/" + owner.orgSlug() + "/plan", member.auth()).expect(200).conformsTo(CENTRALI)
                .json().get("currentPlan").asText());
        JsonNode refused = http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/scale", null, member.auth()).expect(403)
                .conformsTo(CENTRALI).json();
        assertEquals(403, refused.get("status").asInt());
        assertEquals("pro", plan(owner).get("currentPlan").asText());
        assertEquals(List.of("starter:inactive", "pro:active"), statuses(subscriptions(owner)));
        Accounts.Account admin = Accounts.signUp(http, "Admin");
        Accounts.join(http, owner, admin, "admin");
        assertEquals("scale", http.patch("/workspace/api/v1/" + owner.orgSlug() + "/plan/scale", null, admin.auth()).expect(200)
                .conformsTo(CENTRALI).json().get("currentPlan").asText());
        assertEquals("scale", plan(owner).get("currentPlan").asText());
    }
}

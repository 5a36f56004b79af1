package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Centrali's overview over real HTTP against centrali-workspace.json: members, their activity and the recent audit
 * entries; the data plane's figures come from the proxy (here a stand-in with none; the deployable's test counts real ones).
 */
@MicronautTest(transactional = false)
class CentraliOverviewContractTest extends HttpTest {
    @Test
    void theOverviewCountsMembersAndShowsRecentActivityToAdmins() {
        Account owner = Accounts.signUp(http, "Glance");
        Account member = Accounts.signUp(http, "Viewer");
        Accounts.join(http, owner, member, "member");
        String path = "/workspace/api/v1/" + owner.orgSlug() + "/overview";
        JsonNode overview = http.get(path, owner.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals(2, overview.get("users").get("total").asInt());
        assertEquals(2, overview.get("users").get("activeThisWeek").asInt(), "both signed in this week");
        assertEquals(0, overview.get("structures").get("total").asInt());
        assertTrue(overview.get("storage").isNull() && overview.get("scheduler").isNull(), "no files, no jobs: null sections");
        JsonNode activity = overview.get("recentActivity");
        assertEquals("member.created", activity.get(0).get("type").asText(), "newest first");
        assertEquals("workspace.created", activity.get(activity.size() - 1).get("type").asText());
        // A member sees the figures but not the audit log behind recentActivity.
        JsonNode asMember = http.get(path, member.auth()).expect(200).conformsTo(CENTRALI).json();
        assertEquals(0, asMember.get("recentActivity").size());
        assertEquals(2, asMember.get("users").get("total").asInt());

        http.get(path).expect(401).conformsTo(CENTRALI);
        http.get(path, Accounts.signUp(http, "Stranger").auth()).expect(403).conformsTo(CENTRALI);
        http.get("/workspace/api/v1/no-such-" + UUID.randomUUID() + "/overview", owner.auth()).expect(404).conformsTo(CENTRALI);
    }
}

package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.tenancy.application.port.in.PurgeDeletedWorkspacesUseCase;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The 30-day grace period, with time moved instead of waited for. */
@MicronautTest(transactional = false)
class WorkspacePurgeTest extends HttpTest {
    @Inject
    MutableClock clock;
    @Inject
    PurgeDeletedWorkspacesUseCase purge;

    @Test
    void aDeletedWorkspaceIsKeptForThirtyDaysThenPurgedForGood() {
        Account lena = Accounts.signUp(http, "Lena");
        String spare = http.post("/api/workspaces", "{\"name\":\"Spare\"}", lena.cookie()).expect(200).json().get("slug").asText();
        String base = "/workspace/api/v1/" + spare;
        // An API key of the spare workspace: unlike a login, it does not expire while the clock jumps ahead.
        String key = http.post("/v1/api-keys", "{\"org_id\":\"" + spare + "\",\"name\":\"ops\",\"scopes\":[\"workspaces.read\",\"workspaces.delete\"]}",
                lena.auth()).expect(201).json().get("key").asText();
        String[] auth = {"Authorization", "Bearer " + key};
        assertDeletedNowWithThirtyDaysGrace(spare, http.delete(base, auth).expect(200).conformsTo(CENTRALI).json());

        clock.advance(Duration.ofDays(29));
        assertEquals(0, purge.purgeExpired(), "still inside the grace period");
        JsonNode restored = http.post(base + "/restore", null, auth).expect(200).conformsTo(CENTRALI).json();
        assertEquals(spare, restored.get("workspace_slug").asText());
        assertEquals("active", restored.get("status").asText());
        // A second deletion starts a fresh grace period from now, not from the first deletion.
        assertDeletedNowWithThirtyDaysGrace(spare, http.delete(base, auth).expect(200).conformsTo(CENTRALI).json());

        clock.advance(Duration.ofDays(30).plusSeconds(1));
        JsonNode late = http.post(base + "/restore", null, auth).expect(400).conformsTo(CENTRALI).json();
        assertEquals(400, late.get("status").asInt());
        assertEquals(base + "/restore", late.get("path").asText());
        assertEquals(1, purge.purgeExpired());
        // Purged with everything it owned, its API keys included.
        assertEquals(401, http.post(base + "/restore", null, auth).expect(401).conformsTo(CENTRALI).json().get("status").asInt());
        // Its owner, signed in afresh, finds it gone rather than pending deletion.
        String token = http.post("/v1/auth/login", "{\"email\":\"%s\",\"password\":\"correct horse battery\"}".formatted(lena.email()))
                .expect(200).json().get("access_token").asText();
        http.get(base, "Authorization", "Bearer " + token).expect(404).conformsTo(CENTRALI);
        http.post(base + "/restore", null, "Authorization", "Bearer " + token).expect(404).conformsTo(CENTRALI);
        assertEquals(0, purge.purgeExpired(), "purging again finds nothing: safe to run on every node");
    }

    private void assertDeletedNowWithThirtyDaysGrace(String slug, JsonNode deletion) {
        assertEquals(slug, deletion.get("workspace_slug").asText());
        Instant deletedAt = Instant.parse(deletion.get("deleted_at").asText());
        // Stored to the microsecond, so compare at that precision.
        assertEquals(clock.instant().truncatedTo(ChronoUnit.MICROS), deletedAt.truncatedTo(ChronoUnit.MICROS));
        assertEquals(deletedAt.plus(Duration.ofDays(30)), Instant.parse(deletion.get("restore_deadline").asText()));
        assertEquals(30, deletion.get("grace_period_days").asInt());
    }
}

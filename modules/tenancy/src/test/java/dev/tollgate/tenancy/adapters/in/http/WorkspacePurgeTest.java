package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.tenancy.application.port.in.PurgeDeletedWorkspacesUseCase;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
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
        http.delete(base, auth).expect(200);

        clock.advance(Duration.ofDays(29));
        assertEquals(0, purge.purgeExpired(), "still inside the grace period");
        http.post(base + "/restore", null, auth).expect(200);
        http.delete(base, auth).expect(200);

        clock.advance(Duration.ofDays(30).plusSeconds(1));
        http.post(base + "/restore", null, auth).expect(400);
        assertEquals(1, purge.purgeExpired());
        // Purged with everything it owned, its API keys included.
        http.post(base + "/restore", null, auth).expect(401);
        assertEquals(0, purge.purgeExpired(), "purging again finds nothing: safe to run on every node");
    }
}

package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** php-tenant's workspace numbers cannot be probed: another tenant's number answers like a number nobody has. */
@MicronautTest(transactional = false)
class PhpTenantProbingTest extends HttpTest {

    @Test
    void aNonMembersWorkspaceNumberAnswersExactlyLikeAnUnknownNumber() {
        Account victim = Accounts.signUp(http, "Vic");
        Account prober = Accounts.signUp(http, "Pete");
        long theirs = victim.orgNumber();
        long nobodys = theirs + 1_000_000;
        String[] key = {"Authorization", "Bearer " + Accounts.apiKey(http, prober, "workspaces.read")};

        assertSame(http.get("/api/workspaces/" + theirs, prober.cookie()), http.get("/api/workspaces/" + nobodys, prober.cookie()),
                theirs, nobodys, victim.orgSlug());
        assertSame(http.post("/api/workspaces/" + theirs + "/switch", null, prober.cookie()),
                http.post("/api/workspaces/" + nobodys + "/switch", null, prober.cookie()), theirs, nobodys, victim.orgSlug());
        assertSame(http.put("/api/workspaces/" + theirs, "{\"name\":\"x\"}", prober.cookie()),
                http.put("/api/workspaces/" + nobodys, "{\"name\":\"x\"}", prober.cookie()), theirs, nobodys, victim.orgSlug());
        assertSame(http.delete("/api/workspaces/" + theirs, prober.cookie()), http.delete("/api/workspaces/" + nobodys, prober.cookie()),
                theirs, nobodys, victim.orgSlug());
        assertSame(http.get("/api/v1/workspaces/" + theirs, key), http.get("/api/v1/workspaces/" + nobodys, key),
                theirs, nobodys, victim.orgSlug());
    }

    private static void assertSame(TestHttp.Exchange theirs, TestHttp.Exchange nobodys, long theirNumber, long nobodysNumber, String slug) {
        theirs.expect(404).conformsTo(PHP_TENANT);
        nobodys.expect(404).conformsTo(PHP_TENANT);
        assertFalse(theirs.body().contains(slug), theirs.body());
        assertEquals(nobodys.body().replace(Long.toString(nobodysNumber), "N"), theirs.body().replace(Long.toString(theirNumber), "N"));
    }
}

package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.Accounts;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Roles decide what members may do; rate limits answer 429 with Retry-After; racing writes never double up. */
@MicronautTest(transactional = false)
class RolesLimitsAndConcurrencyTest extends HttpTest {

    @Test
    void aMemberReadsButOnlyAdminsManageAndOnlyTheOwnerDeletes() {
        Account owner = Accounts.signUp(http, "Olga");
        Account henry = Accounts.signUp(http, "Henry");
        String memberId = Accounts.join(http, owner, henry, "member");
        http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"%s\"}".formatted(owner.orgSlug(), henry.email()), owner.auth())
                .expect(409).conformsTo(PGBEAM);
        // a plain member may not invite either
        http.post("/v1/invitations", "{\"org_id\":\"%s\",\"email\":\"%s\"}".formatted(owner.orgSlug(), "x@example.com"), henry.auth())
                .expect(403).conformsTo(PGBEAM);

        String org = "/v1/organizations/" + owner.orgSlug();
        http.get(org, henry.auth()).expect(200).conformsTo(PLANETSCALE);
        http.post(org + "/teams", "{\"name\":\"Henry's team\"}", henry.auth()).expect(401).conformsTo(PLANETSCALE);
        http.put("/api/workspaces/" + owner.orgNumber(), "{\"name\":\"Henry was here\"}", henry.cookie()).expect(403).conformsTo(PHP_TENANT);

        http.patch(org + "/members/" + memberId, "{\"role\":\"admin\"}", owner.auth()).expect(200).conformsTo(PLANETSCALE);
        http.post(org + "/teams", "{\"name\":\"Henry's team\"}", henry.auth()).expect(201).conformsTo(PLANETSCALE);
        http.put("/api/workspaces/" + owner.orgNumber(), "{\"description\":\"tidied\"}", henry.cookie()).expect(200).conformsTo(PHP_TENANT);
        // deletion stays the owner's alone
        http.delete("/api/workspaces/" + owner.orgNumber(), henry.cookie()).expect(403).conformsTo(PHP_TENANT);

        http.delete(org + "/members/" + memberId, owner.auth()).expect(204);
        http.get(org, henry.auth()).expect(404).conformsTo(PLANETSCALE);
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDown() {
        Account ivy = Accounts.signUp(http, "Ivy");
        String wrong = "{\"email\":\"" + ivy.email() + "\",\"password\":\"not the password\"}";
        int unauthorized = 0;
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 12; i++) {
            var exchange = http.post("/v1/auth/login", wrong);
            if (exchange.status() == 401) {
                unauthorized++;
            } else if (exchange.status() == 429) {
                limited++;
                exchange.conformsTo(PGBEAM);
                retryAfter = exchange.header("Retry-After");
            }
        }
        assertEquals(10, unauthorized);
        assertEquals(2, limited);
        // a whole number of seconds within the per-email window of one minute
        assertEquals(true, retryAfter != null && retryAfter.matches("[1-9][0-9]?") && Integer.parseInt(retryAfter) <= 60,
                "Retry-After " + retryAfter);
    }

    @Test
    void racingCreatesOfOneSlugMakeExactlyOneWorkspace() throws Exception {
        Account jack = Accounts.signUp(http, "Jack");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> http.post("/api/workspaces", "{\"name\":\"Race\",\"slug\":\"race-to-the-slug\"}", jack.cookie()).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            // php-tenant reports a slug in use as a validation error (createWorkspace documents no 409)
            assertEquals(7, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(2, http.get("/api/workspaces", jack.cookie()).json().get("meta").get("total").asInt(),
                "the losers left no half-written workspace or membership behind");
    }
}

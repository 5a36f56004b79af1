package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Access tokens (1 hour) and session cookies (7 days) expire on the application's clock, to the second: valid in the
 * last second of their life, refused from its end on. And one email makes one account, however many sign-ups race.
 */
@MicronautTest(transactional = false)
class CredentialExpiryTest extends HttpTest {
    private static final Instant SIGNED_UP = Instant.parse("2026-02-01T09:00:00Z");
    @Inject
    MutableClock clock;

    @Test
    void anAccessTokenLivesExactlyOneHour() {
        clock.set(SIGNED_UP);
        Account ada = Accounts.signUp(http, "Ada");
        clock.set(SIGNED_UP.plus(Duration.ofHours(1)).minusSeconds(1));
        assertEquals(ada.email(), http.get("/v1/me", ada.auth()).expect(200).json().get("email").asText());
        clock.set(SIGNED_UP.plus(Duration.ofHours(1)));
        http.get("/v1/me", ada.auth()).expect(401);
    }

    @Test
    void aSessionCookieLivesExactlySevenDaysAndSaysSo() {
        // Far from the machine's time, so a Max-Age measured on the system clock would show.
        clock.set(SIGNED_UP);
        var signedUp = http.post("/v1/auth/signup", """
                {"email":"bo-%s@example.com","password":"correct horse battery"}""".formatted(System.identityHashCode(this))).expect(201);
        String cookie = signedUp.header("Set-Cookie");
        assertTrue(cookie.contains("Max-Age=604800"), cookie);
        String[] session = {"Cookie", cookie.substring(0, cookie.indexOf(';'))};

        clock.set(SIGNED_UP.plus(Duration.ofDays(7)).minusSeconds(1));
        http.get("/api/workspaces/current", session).expect(200).conformsTo(PHP_TENANT);
        clock.set(SIGNED_UP.plus(Duration.ofDays(7)));
        http.get("/api/workspaces/current", session).expect(401).conformsTo(PHP_TENANT);
    }

    @Test
    void racingSignUpsWithOneEmailMakeOneAccount() throws Exception {
        String body = """
                {"email":"twin-%s@example.com","password":"correct horse battery"}""".formatted(System.nanoTime());
        int racers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return http.post("/v1/auth/signup", body).status();
                }));
            }
            start.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                seen.add(status.get());
            }
            assertEquals(1, seen.stream().filter(s -> s == 201).count(), "statuses " + seen);
            assertEquals(racers - 1, seen.stream().filter(s -> s == 409).count(), "the others: email taken, " + seen);
        } finally {
            pool.shutdownNow();
        }
    }
}

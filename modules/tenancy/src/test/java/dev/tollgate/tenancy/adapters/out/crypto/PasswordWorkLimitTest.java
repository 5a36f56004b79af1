package dev.tollgate.tenancy.adapters.out.crypto;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Argon2 work is bounded: when every running and waiting place is taken, another login or sign-up is refused at
 * once with 429 and Retry-After instead of queueing (and holding 19 MiB) without end.
 */
@MicronautTest(transactional = false)
class PasswordWorkLimitTest extends HttpTest {
    @Inject
    PasswordWorkLimit limit;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.auth.password-hashing.max-concurrent", "1");
        properties.put("tollgate.auth.password-hashing.max-queued", "1");
        return properties;
    }

    @Test
    void passwordWorkBeyondTheBoundIsRefusedWithRetryAfter() {
        Account pia = Accounts.signUp(http, "Pia");
        String login = "{\"email\":\"" + pia.email() + "\",\"password\":\"correct horse battery\"}";
        int held = limit.admitted.drainPermits(); // every place taken, as by a burst in progress
        assertEquals(2, held);
        try {
            var refused = http.post("/v1/auth/login", login).expect(429).conformsTo(PGBEAM);
            assertEquals("1", refused.header("Retry-After"));
            http.post("/v1/auth/login", "{\"email\":\"nobody@example.com\",\"password\":\"whatever it is\"}").expect(429);
            http.post("/v1/auth/signup", "{\"email\":\"q-" + java.util.UUID.randomUUID()
                    + "@example.com\",\"password\":\"correct horse battery\"}").expect(429).conformsTo(PGBEAM);
        } finally {
            limit.admitted.release(held);
        }
        http.post("/v1/auth/login", login).expect(200);
    }
}

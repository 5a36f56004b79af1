package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Password logins and account creation are limited per client address (limits lowered here), whatever the emails:
 * a burst of logins for random emails, or of sign-ups, is answered 429 with Retry-After before any password work.
 */
@MicronautTest(transactional = false)
class AccountRateLimitsTest extends HttpTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.auth.login.per-address", "3");
        properties.put("tollgate.auth.signup.per-address", "2");
        return properties;
    }

    @Test
    void loginsForRandomEmailsAreLimitedPerAddress() {
        for (int i = 0; i < 3; i++) {
            http.post("/v1/auth/login", login(randomEmail())).expect(401);
        }
        // an X-Forwarded-For of the client's choosing changes nothing: no proxy is trusted here
        assertLimited(http.post("/v1/auth/login", login(randomEmail()), "X-Forwarded-For", "203.0.113.7").expect(429).conformsTo(PGBEAM));
    }

    @Test
    void signUpsAreLimitedPerAddressOnEveryPublicAccountRoute() {
        http.post("/v1/auth/signup", signUp(randomEmail())).expect(201);
        http.post("/workspace/api/v1", """
                {"name":"Lim Co","email":"%s","username":"lim","password":"correct horse battery"}""".formatted(randomEmail()))
                .expect(201);
        assertLimited(http.post("/v1/auth/signup", signUp(randomEmail())).expect(429).conformsTo(PGBEAM));
        assertLimited(http.post("/workspace/api/v1", """
                {"name":"Lim Co","email":"%s","username":"lim","password":"correct horse battery"}""".formatted(randomEmail()))
                .expect(429).conformsTo(CENTRALI));
    }

    private static void assertLimited(TestHttp.Exchange exchange) {
        long retryAfter = Long.parseLong(exchange.header("Retry-After"));
        assertTrue(retryAfter >= 1, "Retry-After " + retryAfter);
    }

    private static String randomEmail() {
        return "r-" + UUID.randomUUID() + "@example.com";
    }

    private static String login(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
    }

    private static String signUp(String email) {
        return "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
    }

}

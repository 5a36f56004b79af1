package dev.tollgate.tenancy.adapters.in.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The session cookie is HttpOnly and SameSite=Lax always, and Secure when the request came over HTTPS. Without
 * {@code tollgate.http.trust-proxy} a client's own {@code X-Forwarded-Proto} decides nothing.
 */
@MicronautTest(transactional = false)
class SessionCookieTest extends HttpTest {

    @Test
    void plainHttpGetsHttpOnlyLaxAndAnUntrustedForwardedProtoIsIgnored() {
        Account mo = Accounts.signUp(http, "Mo");
        String login = "{\"email\":\"" + mo.email() + "\",\"password\":\"correct horse battery\"}";
        String cookie = sessionCookie(http.post("/v1/auth/login", login).expect(200));
        assertTrue(cookie.contains("httponly") && cookie.contains("samesite=lax"), cookie);
        assertFalse(cookie.contains("secure"), "plain HTTP cannot carry a Secure cookie back: " + cookie);
        // no trusted proxy configured: the header is the client's own claim
        assertFalse(sessionCookie(http.post("/v1/auth/login", login, "X-Forwarded-Proto", "https").expect(200)).contains("secure"));
        String signup = sessionCookie(http.post("/v1/auth/signup", "{\"email\":\"c-" + UUID.randomUUID()
                + "@example.com\",\"password\":\"correct horse battery\"}").expect(201));
        assertTrue(signup.contains("httponly") && signup.contains("samesite=lax"), signup);
        String cleared = sessionCookie(http.post("/v1/auth/logout", null, mo.auth()).expect(204));
        assertTrue(cleared.contains("httponly") && cleared.contains("samesite=lax") && cleared.contains("max-age=0"), cleared);
    }

    static String sessionCookie(TestHttp.Exchange exchange) {
        String cookie = exchange.header("Set-Cookie");
        assertTrue(cookie != null && cookie.startsWith("session="), String.valueOf(cookie));
        return cookie.toLowerCase(Locale.ROOT);
    }
}

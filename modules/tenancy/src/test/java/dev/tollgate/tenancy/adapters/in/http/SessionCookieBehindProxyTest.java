package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.tenancy.adapters.in.http.SessionCookieTest.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behind a proxy the operator trusts, its X-Forwarded-Proto: https makes the session cookie Secure. */
@MicronautTest(transactional = false)
class SessionCookieBehindProxyTest extends HttpTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.http.trust-proxy", "true");
        return properties;
    }

    @Test
    void httpsAtTheTrustedProxyMakesTheCookieSecure() {
        Account ned = Accounts.signUp(http, "Ned");
        String login = "{\"email\":\"" + ned.email() + "\",\"password\":\"correct horse battery\"}";
        String secure = sessionCookie(http.post("/v1/auth/login", login, "X-Forwarded-Proto", "https").expect(200));
        assertTrue(secure.contains("secure") && secure.contains("httponly") && secure.contains("samesite=lax"), secure);
        assertFalse(sessionCookie(http.post("/v1/auth/login", login, "X-Forwarded-Proto", "http").expect(200)).contains("secure"));
        assertFalse(sessionCookie(http.post("/v1/auth/login", login).expect(200)).contains("secure"));
    }
}

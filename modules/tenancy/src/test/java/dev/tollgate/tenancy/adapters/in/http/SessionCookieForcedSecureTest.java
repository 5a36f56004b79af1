package dev.tollgate.tenancy.adapters.in.http;

import static dev.tollgate.tenancy.adapters.in.http.SessionCookieTest.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tollgate.auth.cookie-secure: true makes the session cookie Secure whatever the request looked like. */
@MicronautTest(transactional = false)
class SessionCookieForcedSecureTest extends HttpTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.auth.cookie-secure", "true");
        return properties;
    }

    @Test
    void theOperatorCanForceSecure() {
        Account ola = Accounts.signUp(http, "Ola");
        String cookie = sessionCookie(http.post("/v1/auth/login", "{\"email\":\"" + ola.email()
                + "\",\"password\":\"correct horse battery\"}").expect(200));
        assertTrue(cookie.contains("secure") && cookie.contains("httponly") && cookie.contains("samesite=lax"), cookie);
    }
}

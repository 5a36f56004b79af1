package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * php-tenant's provisioning API allows 60 requests a minute per API key, in the assembled application where its routes
 * exist and require a caller: the limit is counted before the key is checked, so guessing keys is limited too.
 */
@MicronautTest(transactional = false)
class ProvisioningRateLimitTest extends HttpTest {
    @Override
    public Map<String, String> getProperties() {
        // The limit refills a token a second: with the clock standing still, the 61st request finds none.
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.test.clock", "mutable");
        return properties;
    }

    @Test
    void theSixtyFirstRequestWithAWrongKeyIsLimitedNotJustRefused() {
        String[] key = {"Authorization", "Bearer tg_a_guessed_provisioning_key_0123456789"};
        for (int i = 0; i < 60; i++) {
            http.get("/api/provisioning/entitlements/1", key).expect(401).conformsTo(PHP_TENANT);
        }
        var limited = http.get("/api/provisioning/entitlements/1", key).expect(429).conformsTo(PHP_TENANT);
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        http.post("/api/provisioning/entitlements/1/suspend", "", key).expect(429).conformsTo(PHP_TENANT);
        // another key has its own minute
        http.get("/api/provisioning/entitlements/1", "Authorization", "Bearer tg_another_guess_0123456789abcdef").expect(401);
    }
}

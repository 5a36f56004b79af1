package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PHP_TENANT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

/** php-tenant's provisioning API (entitlements' adapter) allows 60 requests per minute per key, decided before the key. */
@MicronautTest(transactional = false)
class ProvisioningRateLimitTest extends HttpTest {
    @Test
    void provisioningIsLimitedTo60RequestsPerMinutePerKey() {
        String[] key = {"Authorization", "Bearer tg_some_provisioning_key_for_rate_limit_test"};
        // The key is unknown, so every request is refused; what matters is that the first 60 are refused alike
        // (not limited) and the 61st is limited.
        int unlimited = http.get("/api/provisioning/entitlements/x", key).status();
        assertNotEquals(429, unlimited);
        for (int i = 1; i < 60; i++) {
            http.get("/api/provisioning/entitlements/x", key).expect(unlimited);
        }
        var limited = http.get("/api/provisioning/entitlements/x", key).expect(429).conformsTo(PHP_TENANT);
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertEquals(true, retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        // another key is unaffected: its first request is answered like the first key's unlimited ones
        http.get("/api/provisioning/entitlements/x", "Authorization", "Bearer tg_another_key_entirely_0123456789").expect(unlimited);
    }

}

package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.stripe.FakeStripe;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A Stripe secret key without its publishable key (ADR 0042): cards can be listed and added server-side, but a
 * dashboard cannot load Stripe.js, so {@code public-key} alone says billing is not configured.
 */
@MicronautTest(transactional = false)
class CentraliPublicKeyMissingTest extends HttpTest {
    private final FakeStripe fake = FakeStripe.start();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.stripe.api-base", fake.baseUrl());
        properties.put("tollgate.stripe.secret-key", fake.secretKey());
        return properties;
    }

    @AfterAll
    void stopFake() {
        fake.close();
    }

    @Test
    void onlyThePublicKeyIsNotConfigured() {
        Accounts.Account owner = Accounts.signUp(http, "Keyless");
        String base = "/workspace/api/v1/" + owner.orgSlug();
        JsonNode refused = http.get(base + "/public-key", owner.auth()).expect(409).conformsTo(CENTRALI).json();
        assertEquals("BILLING_NOT_CONFIGURED", refused.get("error").asText());
        assertTrue(refused.get("message").asText().contains("TOLLGATE_STRIPE_PUBLISHABLE_KEY"), refused.toString());
        assertEquals(0, http.get(base + "/payment-methods", owner.auth()).expect(200).conformsTo(CENTRALI).json().get("paymentMethods").size());
        assertTrue(http.post(base + "/create-setup-session", null, owner.auth()).expect(200).conformsTo(CENTRALI).json()
                .get("clientSecret").asText().startsWith("seti_"));
    }
}

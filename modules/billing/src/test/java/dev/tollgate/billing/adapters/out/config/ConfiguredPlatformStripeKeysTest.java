package dev.tollgate.billing.adapters.out.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's Stripe keys (ADR 0042): absent is "no payments", a wrong one stops the start-up. */
class ConfiguredPlatformStripeKeysTest {

    @Test
    void unsetOrBlankKeysMeanNoStripeAccount() {
        ConfiguredPlatformStripeKeys none = new ConfiguredPlatformStripeKeys("", " ");
        assertTrue(none.secretKey().isEmpty());
        assertTrue(none.publishableKey().isEmpty());
        assertTrue(new ConfiguredPlatformStripeKeys(null, null).secretKey().isEmpty());
    }

    @Test
    void keysOfOneModeAreKeptAsGiven() {
        ConfiguredPlatformStripeKeys test = new ConfiguredPlatformStripeKeys(" sk_test_tollgate_fake ", "pk_test_tollgate_fake");
        assertEquals(Optional.of("sk_test_tollgate_fake"), test.secretKey());
        assertEquals(Optional.of("pk_test_tollgate_fake"), test.publishableKey());
        assertEquals(Optional.of("rk_live_abcdefgh123"), new ConfiguredPlatformStripeKeys("rk_live_abcdefgh123", "pk_live_abcdefgh123").secretKey());
        assertTrue(new ConfiguredPlatformStripeKeys("sk_live_abcdefgh123", "").publishableKey().isEmpty(), "the publishable key alone may be missing");
    }

    @Test
    void aMalformedKeyOrTwoModesStopTheStartUp() {
        assertThrows(IllegalStateException.class, () -> new ConfiguredPlatformStripeKeys("pk_test_tollgate_fake", ""), "a publishable key as the secret");
        assertThrows(IllegalStateException.class, () -> new ConfiguredPlatformStripeKeys("sk_test_short", ""));
        assertThrows(IllegalStateException.class, () -> new ConfiguredPlatformStripeKeys("", "sk_test_tollgate_fake"), "a secret key as the publishable");
        assertThrows(IllegalStateException.class, () -> new ConfiguredPlatformStripeKeys("sk_test_tollgate_fake", "pk_live_abcdefgh123"));
        assertThrows(IllegalStateException.class, () -> new ConfiguredPlatformStripeKeys("sk_live_abcdefgh123", "pk_test_tollgate_fake"));
    }
}

package dev.tollgate.billing.adapters.out.config;

import dev.tollgate.billing.application.port.out.PlatformStripeKeys;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code tollgate.stripe.secret-key} and {@code tollgate.stripe.publishable-key} ({@code TOLLGATE_STRIPE_SECRET_KEY},
 * {@code TOLLGATE_STRIPE_PUBLISHABLE_KEY}). A key of the wrong form, or keys of two modes (test and live), stop the
 * start-up: an operator finds a typo at deploy time, not when a workspace first adds a card.
 */
@Singleton
final class ConfiguredPlatformStripeKeys implements PlatformStripeKeys {
    private final String secretKey;
    private final String publishableKey;

    ConfiguredPlatformStripeKeys(@Value("${tollgate.stripe.secret-key:}") String secretKey,
                                 @Value("${tollgate.stripe.publishable-key:}") String publishableKey) {
        this.secretKey = secretKey == null || secretKey.isBlank() ? null : secretKey.strip();
        this.publishableKey = publishableKey == null || publishableKey.isBlank() ? null : publishableKey.strip();
        if (this.secretKey != null && !this.secretKey.matches("(sk|rk)_(test|live)_[A-Za-z0-9_]{8,200}")) {
            throw new IllegalStateException("tollgate.stripe.secret-key is not a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)");
        }
        if (this.publishableKey != null && !this.publishableKey.matches("pk_(test|live)_[A-Za-z0-9_]{8,200}")) {
            throw new IllegalStateException("tollgate.stripe.publishable-key is not a Stripe publishable key (pk_test_…, pk_live_…)");
        }
        if (this.secretKey != null && this.publishableKey != null && this.secretKey.contains("_test_") != this.publishableKey.startsWith("pk_test_")) {
            throw new IllegalStateException("tollgate.stripe.secret-key and tollgate.stripe.publishable-key are of different modes (test and live)");
        }
    }

    @Override
    public Optional<String> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    @Override
    public Optional<String> publishableKey() {
        return Optional.ofNullable(publishableKey);
    }
}

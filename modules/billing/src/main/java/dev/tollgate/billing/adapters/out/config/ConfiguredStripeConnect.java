package dev.tollgate.billing.adapters.out.config;

import dev.tollgate.billing.application.port.out.StripeConnectSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * {@code tollgate.stripe.connect-client-id} ({@code TOLLGATE_STRIPE_CONNECT_CLIENT_ID}), {@code tollgate.stripe.connect-base}
 * ({@code TOLLGATE_STRIPE_CONNECT_BASE}, default https://connect.stripe.com), {@code tollgate.stripe.connect-return-url}
 * ({@code TOLLGATE_STRIPE_CONNECT_RETURN_URL}) and {@code tollgate.public-url}. A client id of the wrong form stops the
 * start-up, as the platform's keys do (ADR 0042).
 */
@Singleton
final class ConfiguredStripeConnect implements StripeConnectSettings {
    static final String AUTHORIZE_PATH = "/api/v1/marketplace/listings/stripe/install/oauth2/authorize";
    private final String clientId;
    private final String connectBase;
    private final String publicUrl;
    private final String returnUrl;

    ConfiguredStripeConnect(@Value("${tollgate.stripe.connect-client-id:}") String clientId,
                            @Value("${tollgate.stripe.connect-base:`https://connect.stripe.com`}") String connectBase,
                            @Value("${tollgate.stripe.connect-return-url:}") String returnUrl,
                            @Value("${tollgate.public-url:`http://localhost:8080`}") String publicUrl) {
        this.clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
        if (this.clientId != null && !this.clientId.matches("ca_[A-Za-z0-9]{8,200}")) {
            throw new IllegalStateException("tollgate.stripe.connect-client-id is not a Stripe Connect client id (ca_…)");
        }
        this.connectBase = trimmed(connectBase);
        this.publicUrl = trimmed(publicUrl);
        this.returnUrl = returnUrl == null || returnUrl.isBlank() ? null : returnUrl.strip();
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Optional<String> clientId() {
        return Optional.ofNullable(clientId);
    }

    @Override
    public String connectBase() {
        return connectBase;
    }

    @Override
    public String redirectUri() {
        return publicUrl + AUTHORIZE_PATH;
    }

    @Override
    public Optional<String> returnUrl() {
        return Optional.ofNullable(returnUrl);
    }

    @Override
    public String publicUrl() {
        return publicUrl;
    }
}

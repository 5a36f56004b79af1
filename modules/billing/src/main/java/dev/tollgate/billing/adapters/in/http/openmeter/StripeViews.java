package dev.tollgate.billing.adapters.in.http.openmeter;

import dev.tollgate.billing.adapters.in.http.openmeter.BillingViews.AppView;
import dev.tollgate.billing.application.port.in.ManageStripeAppUseCase.Checkout;
import dev.tollgate.billing.application.port.in.ManageStripeAppUseCase.CustomerData;
import dev.tollgate.billing.application.port.in.ReceiveStripeEventsUseCase.Receipt;
import dev.tollgate.billing.domain.app.StripeCheckoutSession;
import dev.tollgate.billing.domain.app.StripePortalSession;
import dev.tollgate.platform.domain.Ulid;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** The Stripe app's shapes as OpenMeter shows them (StripeCustomerAppData, portal and checkout sessions, webhook answer). */
final class StripeViews {
    private StripeViews() {
    }

    @Serdeable
    record StripeCustomerAppDataView(String id, String type, String stripeCustomerId, @Nullable String stripeDefaultPaymentMethodId, AppView app) {
        static StripeCustomerAppDataView of(CustomerData d) {
            return new StripeCustomerAppDataView(Ulid.of(d.app().id()), "stripe", d.data().stripeCustomerId(), d.data().defaultPaymentMethodId(),
                    AppView.of(d.app()));
        }
    }

    /** StripeCustomerPortalSession: every field is required; what Stripe left unset (locale, return URL) is written as "". */
    @Serdeable
    record PortalSessionView(String id, String stripeCustomerId, String configurationId, boolean livemode, Instant createdAt, String returnUrl,
                             String locale, String url) {
        static PortalSessionView of(StripePortalSession s) {
            return new PortalSessionView(s.id(), s.customer(), s.configuration() == null ? "" : s.configuration(), s.livemode(), s.createdAt(),
                    s.returnUrl() == null ? "" : s.returnUrl(), s.locale() == null ? "" : s.locale(), s.url());
        }
    }

    /** CreateStripeCheckoutSessionResult; the currency in the document's upper case. */
    @Serdeable
    record CheckoutSessionView(String customerId, String stripeCustomerId, String sessionId, String setupIntentId, @Nullable String clientSecret,
                               @Nullable String clientReferenceId, @Nullable String customerEmail, @Nullable String currency, Instant createdAt,
                               @Nullable Instant expiresAt, @Nullable Map<String, String> metadata, @Nullable String status, @Nullable String url,
                               String mode, @Nullable String cancelURL, @Nullable String successURL, @Nullable String returnURL) {
        static CheckoutSessionView of(Checkout c) {
            StripeCheckoutSession s = c.session();
            return new CheckoutSessionView(c.customerId(), c.stripeCustomerId(), s.id(), s.setupIntentId(), s.clientSecret(), s.clientReferenceId(),
                    s.customerEmail(), s.currency() == null ? null : s.currency().toUpperCase(Locale.ROOT), s.createdAt(), s.expiresAt(), s.metadata(),
                    s.status(), s.url(), "setup", s.cancelUrl(), s.successUrl(), s.returnUrl());
        }
    }

    @Serdeable
    record WebhookReceiptView(String namespaceId, String appId, @Nullable String message) {
        static WebhookReceiptView of(Receipt r) {
            return new WebhookReceiptView(r.namespaceId(), r.appId(), r.message());
        }
    }
}

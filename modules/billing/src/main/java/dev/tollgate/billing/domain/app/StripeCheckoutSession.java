package dev.tollgate.billing.domain.app;

import java.time.Instant;
import java.util.Map;

/** A Checkout session in setup mode as Stripe created it (what OpenMeter's CreateStripeCheckoutSessionResult shows). */
public record StripeCheckoutSession(String id, String setupIntentId, String clientSecret, String clientReferenceId, String customerEmail,
                                    String currency, Instant createdAt, Instant expiresAt, Map<String, String> metadata, String status,
                                    String url, String cancelUrl, String successUrl, String returnUrl) {
}

package dev.tollgate.billing.domain.app;

import java.time.Instant;

/** A billing portal session as Stripe created it (OpenMeter's StripeCustomerPortalSession). */
public record StripePortalSession(String id, String customer, String configuration, boolean livemode, Instant createdAt, String returnUrl,
                                  String locale, String url) {
}

package dev.tollgate.archfixtures.billing.adapters.in.http.openmeter;

import com.stripe.archfixture.StripeClientStub;

/** Violates 9d: a billing adapter other than adapters.out.stripe reaching for Stripe's SDK (the webhook must go through the port). */
final class StripeWebhookParsing {
    StripeClientStub client;
}

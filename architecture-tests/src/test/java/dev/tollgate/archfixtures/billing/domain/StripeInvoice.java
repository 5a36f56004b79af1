package dev.tollgate.archfixtures.billing.domain;

import com.stripe.archfixture.StripeClientStub;

/** Violates 9d (and 3): Stripe outside billing's adapters, even in billing's own domain. */
final class StripeInvoice {
    StripeClientStub client;
}

package dev.tollgate.archfixtures.billing.adapters.out.stripe;

import com.stripe.archfixture.StripeClientStub;

/** Allowed: Stripe inside billing's adapters. */
final class StripeGateway {
    StripeClientStub client;
}

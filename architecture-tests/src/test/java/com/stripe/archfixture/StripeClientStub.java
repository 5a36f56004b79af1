package com.stripe.archfixture;

/** Stands in for the Stripe SDK (not on the classpath yet) so fixtures can plant a com.stripe dependency. */
public final class StripeClientStub {
}

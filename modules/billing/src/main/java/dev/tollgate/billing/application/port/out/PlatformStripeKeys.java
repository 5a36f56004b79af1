package dev.tollgate.billing.application.port.out;

import java.util.Optional;

/**
 * The operator's own Stripe account (ADR 0042): the secret key Tollgate bills workspaces with, and the publishable key
 * a dashboard's Stripe.js collects cards with. Both absent on a Tollgate that does not take payments.
 */
public interface PlatformStripeKeys {
    Optional<String> secretKey();

    Optional<String> publishableKey();
}

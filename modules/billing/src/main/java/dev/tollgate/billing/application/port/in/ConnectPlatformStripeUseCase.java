package dev.tollgate.billing.application.port.in;

/**
 * Connects the operator's Stripe account (ADR 0042) as the system namespace's Stripe app, if a secret key is
 * configured and it is not connected yet. Idempotent; the payment routes do the same on first need.
 */
public interface ConnectPlatformStripeUseCase {
    /** False when no secret key is configured (nothing to connect). */
    boolean connect();
}

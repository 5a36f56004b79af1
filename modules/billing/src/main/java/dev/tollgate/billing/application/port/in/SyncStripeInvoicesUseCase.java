package dev.tollgate.billing.application.port.in;

/** The Stripe app's invoice sync (ADR 0039): invoices waiting for Stripe in draft.syncing or issuing.syncing. */
public interface SyncStripeInvoicesUseCase {
    /** Syncs what waits; returns how many invoices were looked at. */
    int syncWaiting(int limit);
}

package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;

/**
 * PgBeam's TriggerReconcile and its schedule (ADR 0043): Tollgate's invoices and Stripe customers of the system
 * namespace (every organization is a customer there) compared with Stripe's, and the drift repaired.
 */
public interface ReconcileBillingUseCase {
    /** Organizations (system-namespace customers) inspected, and those whose billing state changed. */
    record Reconciliation(int organizationsChecked, int organizationsUpdated) {
    }

    /** The operator's request (the internal secret); 503 when no Stripe account is connected or Stripe cannot be reached. */
    Reconciliation reconcile(Caller caller);

    /** The schedule's round: the same work, no caller. */
    Reconciliation reconcile();
}

package dev.tollgate.billing.domain.invoice;

/**
 * What can move an invoice: {@code NEXT} is the automatic step the worker and every action try after their own
 * trigger; the rest come from people (approve, retry, snapshot, update, delete, void), from the invoicing app
 * (failed) or from the payment provider (paid, uncollectible, overdue, action required).
 */
public enum InvoiceTrigger {
    NEXT, FAILED, UPDATE, DELETE, RETRY, APPROVE, SNAPSHOT_QUANTITIES, VOID, PAYMENT_SUCCEEDED, PAYMENT_UNCOLLECTIBLE,
    PAYMENT_OVERDUE, PAYMENT_NEEDS_ACTION
}

package dev.tollgate.billing.domain.invoice;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an invoice Tollgate is waiting on has been settled on Stripe without Tollgate hearing of it (a lost webhook),
 * and which trigger the webhook would have fired. Only Stripe's final answers count: {@code paid}, {@code void} and
 * {@code uncollectible}; an {@code open} invoice tells nothing a webhook would not (failed, overdue and action-required
 * attempts leave it open), so it is never a drift.
 */
public final class StripeInvoiceDrift {
    /** The states in which Tollgate waits for Stripe's word about the payment. */
    public static final Set<InvoiceState> AWAITING_STRIPE = Set.of(InvoiceState.ISSUED, InvoiceState.PAYMENT_PENDING,
            InvoiceState.PAYMENT_FAILED, InvoiceState.PAYMENT_ACTION_REQUIRED, InvoiceState.OVERDUE, InvoiceState.UNCOLLECTIBLE);
    private static final Map<String, InvoiceTrigger> TRIGGERS = Map.of("paid", InvoiceTrigger.PAYMENT_SUCCEEDED, "void", InvoiceTrigger.VOID,
            "uncollectible", InvoiceTrigger.PAYMENT_UNCOLLECTIBLE);
    private static final Map<String, InvoiceState> SETTLED = Map.of("paid", InvoiceState.PAID, "void", InvoiceState.VOIDED,
            "uncollectible", InvoiceState.UNCOLLECTIBLE);

    private StripeInvoiceDrift() {
    }

    /** The trigger that brings {@code state} to what Stripe's {@code stripeStatus} says, or empty when they agree or Stripe is not final. */
    public static Optional<InvoiceTrigger> repair(InvoiceState state, String stripeStatus) {
        InvoiceState settled = SETTLED.get(stripeStatus);
        if (settled == null || settled == state || !AWAITING_STRIPE.contains(state)) {
            return Optional.empty();
        }
        return Optional.of(TRIGGERS.get(stripeStatus));
    }
}

package dev.tollgate.testing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Collecting an open invoice. The card charged is the one passed, else the invoice's default payment method, else the
 * customer's {@code invoice_settings.default_payment_method}. It succeeds ({@code invoice.payment_succeeded},
 * {@code invoice.paid}) unless there is no card, the card declines ({@code tok_chargeDeclined}) or the test asked the
 * customer's next payment to fail: then the attempt is counted, {@code invoice.payment_failed} is announced and the
 * request fails (402 {@code card_declined}; 400 without a card).
 */
final class InvoicePayments {
    private final StripeState state;

    InvoicePayments(StripeState state) {
        this.state = state;
    }

    void pay(ObjectNode invoice, String paymentMethod, boolean outOfBand) {
        String status = invoice.get("status").asText();
        if (status.equals("paid")) {
            throw StripeError.state("invoice_already_paid", "Invoice is already paid");
        }
        if (!status.equals("open") && !status.equals("uncollectible")) {
            throw StripeError.state("invoice_not_open", "This invoice can no longer be paid: its status is "
                    + status + ".");
        }
        if (outOfBand) {
            markPaid(invoice);
            return;
        }
        String customerId = invoice.get("customer").asText();
        ObjectNode customer = state.customers.get(customerId, "customer");
        String chosen = paymentMethod != null ? paymentMethod
                : invoice.path("default_payment_method").isTextual() ? invoice.get("default_payment_method").asText()
                : customer.path("invoice_settings").path("default_payment_method").asText(null);
        invoice.put("attempt_count", invoice.get("attempt_count").asLong() + 1);
        invoice.put("attempted", true);
        if (chosen == null) {
            state.emit("invoice.payment_failed", invoice);
            throw StripeError.state(null, "This customer has no attached payment source or default payment method."
                    + " Please consider adding a default payment method.");
        }
        ObjectNode card = state.paymentMethods.get(chosen, "payment_method");
        if (!customerId.equals(card.path("customer").asText(null))) {
            throw StripeError.invalid("payment_method", "The payment method " + chosen
                    + " is not attached to customer " + customerId + ".");
        }
        boolean forcedFailure = state.failNextPayment.remove(customerId);
        if (forcedFailure || Cards.declines(card)) {
            invoice.put("next_payment_attempt", state.now() + 3 * 86_400);
            state.emit("invoice.payment_failed", invoice);
            throw StripeError.cardDeclined("Your card was declined.");
        }
        markPaid(invoice);
    }

    /** open → paid, everything due collected ({@code invoice.payment_succeeded} when money moved, {@code invoice.paid}). */
    void markPaid(ObjectNode invoice) {
        long due = invoice.get("amount_due").asLong();
        invoice.put("amount_paid", due);
        invoice.put("amount_remaining", 0);
        invoice.put("status", "paid");
        invoice.putNull("next_payment_attempt");
        ((ObjectNode) invoice.get("status_transitions")).put("paid_at", state.now());
        if (due > 0) {
            state.emit("invoice.payment_succeeded", invoice);
        }
        state.emit("invoice.paid", invoice);
    }
}

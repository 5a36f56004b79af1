package dev.tollgate.billing.domain.invoice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeInvoiceDriftTest {
    @Test
    void stripesFinalAnswersRepairAnInvoiceStillWaiting() {
        assertEquals(Optional.of(InvoiceTrigger.PAYMENT_SUCCEEDED), StripeInvoiceDrift.repair(InvoiceState.PAYMENT_PENDING, "paid"));
        assertEquals(Optional.of(InvoiceTrigger.PAYMENT_SUCCEEDED), StripeInvoiceDrift.repair(InvoiceState.PAYMENT_FAILED, "paid"));
        assertEquals(Optional.of(InvoiceTrigger.VOID), StripeInvoiceDrift.repair(InvoiceState.OVERDUE, "void"));
        assertEquals(Optional.of(InvoiceTrigger.PAYMENT_UNCOLLECTIBLE), StripeInvoiceDrift.repair(InvoiceState.PAYMENT_PENDING, "uncollectible"));
        assertEquals(Optional.of(InvoiceTrigger.PAYMENT_SUCCEEDED), StripeInvoiceDrift.repair(InvoiceState.UNCOLLECTIBLE, "paid"));
    }

    @Test
    void agreementAnOpenInvoiceOrAnInvoiceNotWaitingIsNoDrift() {
        assertEquals(Optional.empty(), StripeInvoiceDrift.repair(InvoiceState.PAID, "paid"));
        assertEquals(Optional.empty(), StripeInvoiceDrift.repair(InvoiceState.UNCOLLECTIBLE, "uncollectible"));
        assertEquals(Optional.empty(), StripeInvoiceDrift.repair(InvoiceState.PAYMENT_FAILED, "open"));
        assertEquals(Optional.empty(), StripeInvoiceDrift.repair(InvoiceState.PAID, "void"), "a paid invoice is not reopened by Stripe's word");
        assertEquals(Optional.empty(), StripeInvoiceDrift.repair(InvoiceState.DRAFT_SYNCING, "paid"));
        assertEquals(Optional.empty(), StripeInvoiceDrift.repair(InvoiceState.PAYMENT_PENDING, "draft"));
    }
}

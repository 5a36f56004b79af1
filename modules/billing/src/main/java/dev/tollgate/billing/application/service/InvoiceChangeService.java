package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ChangeInvoiceUseCase;
import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceStateMachine;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Edits, deletes and actions. Each locks the invoice, asks the state machine whether its trigger is allowed now, and
 * lets the driver run it; refusals name the action and what the invoice allows instead. Gathering invoices are outside
 * the machine: they are edited in place and cannot be deleted.
 */
@Singleton
class InvoiceChangeService implements ChangeInvoiceUseCase {
    private final InvoiceAccess access;
    private final InvoiceStore store;
    private final InvoiceDriver driver;
    private final InvoiceEdits edits;
    private final InvoiceVoids voids;
    private final GatheringInvoices shown;
    private final Clock clock;

    InvoiceChangeService(InvoiceAccess access, InvoiceStore store, InvoiceDriver driver, InvoiceEdits edits, InvoiceVoids voids,
                         GatheringInvoices shown, Clock clock) {
        this.access = access;
        this.store = store;
        this.driver = driver;
        this.edits = edits;
        this.voids = voids;
        this.shown = shown;
        this.clock = clock;
    }

    @Override
    @Transactional
    public ShownInvoice update(Caller caller, String invoiceId, Map<String, Object> body) {
        UUID namespace = access.managing(caller);
        Invoice invoice = access.lock(namespace, invoiceId);
        Instant now = clock.instant();
        if (invoice.gathering()) {
            return shown.show(store.save(edits.apply(invoice, body, now)));
        }
        if (!InvoiceStateMachine.can(invoice.state(), InvoiceTrigger.UPDATE, driver.conditions(invoice, now))) {
            throw new ValidationException("invoice_cannot_be_edited", List.of(new FieldError("status",
                    "an invoice in status " + invoice.state().extendedStatus() + " cannot be edited; only void changes an issued invoice",
                    "invoice_cannot_be_edited")));
        }
        return shown.show(driver.act(edits.apply(invoice, body, now), InvoiceTrigger.UPDATE));
    }

    @Override
    @Transactional
    public void delete(Caller caller, String invoiceId) {
        UUID namespace = access.managing(caller);
        Invoice invoice = access.lock(namespace, invoiceId);
        if (invoice.gathering()) {
            throw new ValidationException("invoice_cannot_delete_gathering", List.of(new FieldError("status",
                    "a gathering invoice cannot be deleted; it holds pending lines until they are invoiced", "invoice_cannot_delete_gathering")));
        }
        driver.act(invoice, InvoiceTrigger.DELETE);
    }

    @Override
    @Transactional
    public ShownInvoice act(Caller caller, String invoiceId, Action action, Map<String, Object> body) {
        UUID namespace = access.managing(caller);
        Invoice invoice = access.lock(namespace, invoiceId);
        if (invoice.gathering()) {
            throw new ValidationException("invoice_action_not_available", List.of(new FieldError("status",
                    "a gathering invoice is not in the invoice workflow yet; invoice its pending lines first (POST /api/v1/billing/invoices/invoice)",
                    "invoice_action_not_available")));
        }
        return shown.show(switch (action) {
            case ADVANCE -> driver.act(invoice, InvoiceTrigger.NEXT);
            case APPROVE -> driver.act(invoice, InvoiceTrigger.APPROVE);
            case RETRY -> driver.act(invoice, InvoiceTrigger.RETRY);
            case SNAPSHOT_QUANTITIES -> driver.act(invoice, InvoiceTrigger.SNAPSHOT_QUANTITIES);
            case VOID -> voids.voidInvoice(invoice, body);
            case RECALCULATE_TAXES -> recalculateTaxes(invoice);
        });
    }

    /**
     * Tollgate's apps compute no tax (the sandbox and custom invoicing leave it to others), so recalculating re-prices
     * the lines under the current workflow: allowed exactly where an edit is, refused on an issued invoice.
     */
    private Invoice recalculateTaxes(Invoice invoice) {
        if (!InvoiceStateMachine.can(invoice.state(), InvoiceTrigger.UPDATE, driver.conditions(invoice, clock.instant()))) {
            throw new ValidationException("invoice_cannot_be_edited", List.of(new FieldError("status",
                    "taxes of an invoice in status " + invoice.state().extendedStatus() + " can no longer change", "invoice_cannot_be_edited")));
        }
        return driver.act(invoice, InvoiceTrigger.UPDATE);
    }

    @Override
    @Transactional
    public int advanceWaiting(Instant now, int limit) {
        int moved = 0;
        for (Invoice invoice : store.claimWaiting(now, limit)) {
            Invoice after = driver.advance(invoice);
            if (after.state() != invoice.state()) {
                moved++;
            }
        }
        return moved;
    }
}

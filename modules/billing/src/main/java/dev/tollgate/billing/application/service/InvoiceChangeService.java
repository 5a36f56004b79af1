package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ChangeInvoiceUseCase;
import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceStateMachine;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.domain.Ulid;
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

    private final AuditTrail audit;

    InvoiceChangeService(InvoiceAccess access, InvoiceStore store, InvoiceDriver driver, InvoiceEdits edits, InvoiceVoids voids,
                         GatheringInvoices shown, Clock clock, AuditTrail audit) {
        this.audit = audit;
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
            Invoice saved = store.save(edits.apply(invoice, body, now));
            recordChange(caller, namespace, invoice, saved, "updated", AuditSnapshots.label(invoice) + " (gathering) updated");
            return shown.show(saved);
        }
        if (!InvoiceStateMachine.can(invoice.state(), InvoiceTrigger.UPDATE, driver.conditions(invoice, now))) {
            throw new ValidationException("invoice_cannot_be_edited", List.of(new FieldError("status",
                    "an invoice in status " + invoice.state().extendedStatus() + " cannot be edited; only void changes an issued invoice",
                    "invoice_cannot_be_edited")));
        }
        Invoice updated = driver.act(edits.apply(invoice, body, now), InvoiceTrigger.UPDATE);
        recordChange(caller, namespace, invoice, updated, "updated", AuditSnapshots.label(invoice) + " updated");
        return shown.show(updated);
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
        Invoice deleted = driver.act(invoice, InvoiceTrigger.DELETE);
        audit.record(caller, namespace, new AuditTrail.Change("invoice", Ulid.of(invoice.id()), "invoice.deleted", AuditSnapshots.label(invoice)
                + " deleted", AuditSnapshots.of(invoice), deleted == null ? null : AuditSnapshots.of(deleted)));
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
        Invoice acted = switch (action) {
            case ADVANCE -> driver.act(invoice, InvoiceTrigger.NEXT);
            case APPROVE -> driver.act(invoice, InvoiceTrigger.APPROVE);
            case RETRY -> driver.act(invoice, InvoiceTrigger.RETRY);
            case SNAPSHOT_QUANTITIES -> driver.act(invoice, InvoiceTrigger.SNAPSHOT_QUANTITIES);
            case VOID -> voids.voidInvoice(invoice, body);
            case RECALCULATE_TAXES -> recalculateTaxes(invoice);
        };
        String verb = switch (action) {
            case ADVANCE -> "advanced";
            case APPROVE -> "approved";
            case RETRY -> "retried";
            case SNAPSHOT_QUANTITIES -> "quantities_snapshotted";
            case VOID -> "voided";
            case RECALCULATE_TAXES -> "taxes_recalculated";
        };
        audit.record(caller, namespace, new AuditTrail.Change("invoice", Ulid.of(invoice.id()), "invoice." + verb, AuditSnapshots.label(acted)
                + " " + verb.replace('_', ' ') + " (" + invoice.state().extendedStatus() + " to " + acted.state().extendedStatus() + ")",
                AuditSnapshots.of(invoice), AuditSnapshots.of(acted)));
        return shown.show(acted);
    }

    /** {@code invoice.<verb>} when the invoice's recorded fields or lines changed. */
    private void recordChange(Caller caller, UUID namespace, Invoice before, Invoice after, String verb, String summary) {
        var was = AuditSnapshots.of(before);
        var now = AuditSnapshots.of(after);
        if (!was.equals(now) || !java.util.Objects.equals(before.lines(), after.lines()) || !java.util.Objects.equals(before.metadata(), after.metadata())) {
            audit.record(caller, namespace, new AuditTrail.Change("invoice", Ulid.of(before.id()), "invoice." + verb, summary, was, now));
        }
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

package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.SyncCustomInvoicingUseCase;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceTrigger;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a custom-invoicing app's external system reports. A draft sync stores the external invoice's id (and number,
 * while the invoice is a draft) and lets the invoice go on to approval; an issuing sync sets the final number — the
 * system's own, or the next of Tollgate's series when it sends none — and lets the invoice be issued; a payment status
 * fires the payment trigger it names. Each refuses an invoice that is not waiting for it, or not the app's.
 */
@Singleton
class CustomInvoicingSyncService implements SyncCustomInvoicingUseCase {
    private static final Map<String, InvoiceTrigger> PAYMENT_TRIGGERS = Map.of("paid", InvoiceTrigger.PAYMENT_SUCCEEDED,
            "payment_failed", InvoiceTrigger.FAILED, "payment_uncollectible", InvoiceTrigger.PAYMENT_UNCOLLECTIBLE,
            "payment_overdue", InvoiceTrigger.PAYMENT_OVERDUE, "action_required", InvoiceTrigger.PAYMENT_NEEDS_ACTION,
            "void", InvoiceTrigger.VOID);
    private final InvoiceAccess access;
    private final InvoicingApps apps;
    private final InvoiceDriver driver;
    private final Clock clock;

    private final AuditTrail audit;

    CustomInvoicingSyncService(InvoiceAccess access, InvoicingApps apps, InvoiceDriver driver, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.apps = apps;
        this.driver = driver;
        this.clock = clock;
    }

    @Override
    @Transactional
    @SuppressWarnings("unchecked")
    public void draftSynchronized(Caller caller, String invoiceId, Map<String, Object> body) {
        Invoice invoice = waiting(caller, invoiceId, InvoiceState.DRAFT_SYNCING);
        DocumentReader r = new DocumentReader();
        Map<String, Object> result = r.object(body, "", "invoicing", false);
        String number = result == null ? null : r.text(result, "invoicing", "invoiceNumber", false, 256);
        String externalId = result == null ? null : r.text(result, "invoicing", "externalId", false, 256);
        r.throwIfFailed();
        Map<String, Object> ids = externalIds(invoice);
        if (externalId != null) {
            ids.put("invoicing", externalId);
        }
        ids.put(InvoiceDriver.DRAFT_SYNCED, clock.instant().toString());
        Invoice synced = driver.advanceChanged(invoice.withExternalIds(ids, number == null ? invoice.number() : number, clock.instant()));
        record(caller, invoice, synced, "draft_synchronized", "draft synchronized by the custom invoicing app");
    }

    @Override
    @Transactional
    public void issuingSynchronized(Caller caller, String invoiceId, Map<String, Object> body) {
        Invoice invoice = waiting(caller, invoiceId, InvoiceState.ISSUING_SYNCING);
        DocumentReader r = new DocumentReader();
        Map<String, Object> result = r.object(body, "", "invoicing", false);
        String number = result == null ? null : r.text(result, "invoicing", "invoiceNumber", false, 256);
        Instant sent = result == null ? null : r.time(result, "invoicing", "sentToCustomerAt", false);
        Map<String, Object> payment = r.object(body, "", "payment", false);
        String paymentId = payment == null ? null : r.text(payment, "payment", "externalId", false, 256);
        r.throwIfFailed();
        Map<String, Object> ids = externalIds(invoice);
        if (paymentId != null) {
            ids.put("payment", paymentId);
        }
        ids.put(InvoiceDriver.ISSUING_SYNCED, clock.instant().toString());
        String finalNumber = number != null ? number : InvoiceNumbers.reservedFinal(InvoiceNumbers.prefixOf(invoice.number()));
        Instant now = clock.instant();
        Invoice synced = invoice.issued(finalNumber, invoice.issuedAt() == null ? now : invoice.issuedAt(), invoice.dueAt(),
                sent != null ? sent : invoice.sentToCustomerAt()).withExternalIds(ids, finalNumber, now);
        record(caller, invoice, driver.advanceChanged(synced), "issuing_synchronized", "issuing synchronized by the custom invoicing app");
    }

    @Override
    @Transactional
    public void paymentStatus(Caller caller, String invoiceId, Map<String, Object> body) {
        DocumentReader r = new DocumentReader();
        String trigger = r.oneOf(body, "", "trigger", PAYMENT_TRIGGERS.keySet(), null);
        r.throwIfFailed();
        Invoice invoice = ofCustomInvoicing(caller, invoiceId);
        Invoice after = driver.act(invoice, PAYMENT_TRIGGERS.get(trigger));
        record(caller, invoice, after, "payment_status_updated", "payment status set to " + trigger + " by the custom invoicing app");
    }

    private void record(Caller caller, Invoice before, Invoice after, String verb, String what) {
        audit.record(caller, before.namespace(), new AuditTrail.Change("invoice", dev.tollgate.platform.domain.Ulid.of(before.id()), "invoice." + verb,
                AuditSnapshots.label(after) + " " + what, AuditSnapshots.of(before), AuditSnapshots.of(after)));
    }

    private Invoice waiting(Caller caller, String invoiceId, InvoiceState state) {
        Invoice invoice = ofCustomInvoicing(caller, invoiceId);
        if (invoice.state() != state) {
            throw new ValidationException("invoice_action_not_available", List.of(new FieldError("status",
                    "the invoice is " + invoice.state().extendedStatus() + ", not " + state.extendedStatus() + ": nothing waits for this sync",
                    "invoice_action_not_available")));
        }
        return invoice;
    }

    private Invoice ofCustomInvoicing(Caller caller, String invoiceId) {
        UUID namespace = access.managing(caller);
        Invoice invoice = access.lock(namespace, invoiceId);
        if (!"custom_invoicing".equals(apps.of(namespace, invoice.terms().invoicingAppId()).type())) {
            throw new ValidationException("invoice_action_not_available", List.of(new FieldError("invoiceId",
                    "the invoice is not invoiced by a custom invoicing app", "invoice_action_not_available")));
        }
        return invoice;
    }

    private static Map<String, Object> externalIds(Invoice invoice) {
        return invoice.externalIds() == null ? new LinkedHashMap<>() : new HashMap<>(invoice.externalIds());
    }
}

package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.CreatePendingLinesUseCase;
import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.application.service.InvoiceCustomers.InvoiceCustomer;
import dev.tollgate.billing.application.service.InvoiceLineInputs.LineInput;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Adds manual lines to the customer's gathering invoice in the lines' currency, opening one when the customer has
 * none in that currency yet. A customer's lines are added one request at a time (an advisory lock), so two racing
 * requests never open two gathering invoices.
 */
@Singleton
class PendingLineService implements CreatePendingLinesUseCase {
    private final InvoiceAccess access;
    private final InvoiceCustomers customers;
    private final InvoiceLineInputs inputs;
    private final ResolveInvoicingTermsUseCase terms;
    private final PendingLineBook book;
    private final GatheringInvoices gathering;
    private final Clock clock;

    private final AuditTrail audit;

    PendingLineService(InvoiceAccess access, InvoiceCustomers customers, InvoiceLineInputs inputs, ResolveInvoicingTermsUseCase terms,
                       PendingLineBook book, GatheringInvoices gathering, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.customers = customers;
        this.inputs = inputs;
        this.terms = terms;
        this.book = book;
        this.gathering = gathering;
        this.clock = clock;
    }

    @Override
    @Transactional
    public PendingLinesCreated createPendingLines(Caller caller, String customerIdOrKey, Map<String, Object> body) {
        UUID namespace = access.managing(caller);
        InvoiceCustomer customer = customers.require(namespace, customerIdOrKey);
        DocumentReader r = new DocumentReader();
        String currency = InvoiceLineInputs.currency(r, body);
        List<LineInput> lines = inputs.read(r, body, false, false);
        r.throwIfFailed();
        InvoicingTerms customerTerms = terms.termsFor(namespace, customer.id());
        Instant now = clock.instant();
        List<InvoiceLine> added = new ArrayList<>();
        lines.forEach(line -> added.add(line.toLine(TypeId.newUuid(), now)));
        PendingLineBook.Booked booked = book.add(namespace, customer, currency, added, customerTerms, now);
        Invoice invoice = booked.invoice();
        ShownInvoice shown = gathering.show(invoice);
        Set<UUID> ids = added.stream().map(InvoiceLine::id).collect(Collectors.toSet());
        List<InvoiceLine> priced = shown.invoice().lines().stream().filter(line -> ids.contains(line.id())).toList();
        audit.record(caller, namespace, new AuditTrail.Change("invoice", dev.tollgate.platform.domain.Ulid.of(invoice.id()), "invoice.lines_added",
                added.size() + " pending line" + (added.size() == 1 ? "" : "s") + " added for customer " + customer.id(), null,
                AuditTrail.fields("customer_id", customer.id(), "currency", currency, "lines", priced.stream()
                        .map(line -> dev.tollgate.platform.domain.Ulid.of(line.id())).toList(), "new_invoice", booked.invoiceNew())));
        return new PendingLinesCreated(priced, shown, booked.invoiceNew());
    }
}

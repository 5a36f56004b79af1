package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.InvoicePendingLinesUseCase;
import dev.tollgate.billing.application.port.in.ResolveInvoicingTermsUseCase;
import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.service.InvoiceCustomers.InvoiceCustomer;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.invoice.InvoiceTiming;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Invoices a customer's pending lines: one new standard invoice per gathering invoice (per currency) that has lines due,
 * under the customer's current billing profile, advanced at once as far as its workflow allows. Runs under the
 * customer's lock, so a line is invoiced once however many requests and workers race for it.
 */
@Singleton
class InvoicingService implements InvoicePendingLinesUseCase {
    private final InvoiceAccess access;
    private final InvoiceCustomers customers;
    private final ResolveInvoicingTermsUseCase terms;
    private final InvoiceStore store;
    private final InvoiceDriver driver;
    private final Clock clock;
    private final io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions;
    private final dev.tollgate.billing.application.port.out.WorkerThreads workers;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InvoicingService.class);

    private final AuditTrail audit;

    InvoicingService(InvoiceAccess access, InvoiceCustomers customers, ResolveInvoicingTermsUseCase terms, InvoiceStore store,
                     InvoiceDriver driver, Clock clock,
                     io.micronaut.transaction.TransactionOperations<java.sql.Connection> transactions, dev.tollgate.billing.application.port.out.WorkerThreads workers, AuditTrail audit) {
        this.audit = audit;
        this.transactions = transactions;
        this.workers = workers;
        this.access = access;
        this.customers = customers;
        this.terms = terms;
        this.store = store;
        this.driver = driver;
        this.clock = clock;
    }

    @Override
    @Transactional
    public List<ShownInvoice> invoicePendingLines(Caller caller, Map<String, Object> body) {
        UUID namespace = access.managing(caller);
        DocumentReader r = new DocumentReader();
        String customerId = r.text(body, "", "customerId", true, 256);
        Instant asOf = r.time(body, "", "asOf", false);
        Boolean override = body.get("progressiveBillingOverride") == null ? null : r.bool(body, "", "progressiveBillingOverride", false);
        Set<UUID> lineIds = lineIds(r, body);
        r.throwIfFailed();
        InvoiceCustomer customer = customers.require(namespace, customerId);
        Instant now = clock.instant();
        List<Invoice> made = invoice(namespace, customer, asOf == null ? now : asOf, override, lineIds, now);
        if (made.isEmpty()) {
            throw new ValidationException("invoice_create_no_lines", List.of(new FieldError("customerId",
                    "the customer has no pending lines to invoice as of " + (asOf == null ? now : asOf), "invoice_create_no_lines")));
        }
        for (Invoice invoice : made) {
            audit.record(caller, namespace, AuditTrail.Change.created("invoice", Ulid.of(invoice.id()), AuditSnapshots.label(invoice)
                    + " created from pending lines of customer " + customer.id(), AuditSnapshots.of(invoice)));
        }
        return made.stream().map(i -> new ShownInvoice(i, driver.details(i))).toList();
    }

    /**
     * Each customer is invoiced in a transaction of its own, so one customer's failure never rolls back the others'
     * invoices; the claim only finds the customers, the customer lock decides who invoices them. The customers of a
     * claim are invoiced by the worker's threads at once (each under its own lock, as on several nodes).
     */
    @Override
    public int invoiceDueLines(Instant now, int limit) {
        List<Invoice> due = transactions.executeRead(status -> store.claimGatheringDue(now, limit));
        return workers.each(due, gathering -> {
            try {
                return transactions.executeWrite(status -> invoiceDue(gathering, now));
            } catch (RuntimeException failed) {
                LOG.warn("Could not invoice the due lines of customer {} in namespace {}; the next round retries",
                        gathering.customerId(), gathering.namespace(), failed);
                return 0;
            }
        });
    }

    private int invoiceDue(Invoice gathering, Instant now) {
        InvoiceCustomer customer;
        try {
            customer = customers.require(gathering.namespace(), gathering.customerId());
        } catch (NotFoundException gone) {
            // Nobody is left to bill: the deleted customer's pending lines go, or they would be due again every round.
            store.lockCustomer(gathering.namespace(), gathering.customerId());
            store.lockGathering(gathering.namespace(), gathering.customerId(), gathering.currency()).ifPresent(store::delete);
            LOG.info("Dropped the pending lines of deleted customer {} in namespace {}", gathering.customerId(), gathering.namespace());
            return 0;
        }
        // The worker invoices what is due; splitting running usage early is a request's decision, never the clock's.
        return invoice(gathering.namespace(), customer, now, false, Set.of(), now).size();
    }

    private List<Invoice> invoice(UUID namespace, InvoiceCustomer customer, Instant asOf, Boolean progressiveOverride, Set<UUID> lineIds,
                                  Instant now) {
        store.lockCustomer(namespace, customer.id());
        List<Invoice> made = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (String currency : store.gatheringCurrencies(namespace, customer.id())) {
            Invoice gathering = store.lockGathering(namespace, customer.id(), currency).orElse(null);
            if (gathering == null) {
                continue;
            }
            gathering.lines().forEach(line -> seen.add(line.id()));
            boolean progressive = progressiveOverride != null ? progressiveOverride : gathering.terms().progressiveBilling();
            Set<UUID> wanted = new HashSet<>(lineIds);
            wanted.retainAll(gathering.lines().stream().map(l -> l.id()).toList());
            if (!lineIds.isEmpty() && wanted.isEmpty()) {
                continue;
            }
            PendingLineSelection selection = PendingLineSelection.of(gathering.lines(), asOf, progressive, wanted, now);
            if (selection.invoiced().isEmpty()) {
                continue;
            }
            if (selection.pending().isEmpty()) {
                store.delete(gathering);
            } else if (unchanged(gathering.lines(), selection.pending())) {
                // Only whole lines left (nothing split): delete them from the gathering invoice rather than rewrite the rest.
                store.saveWithout(gathering.withLines(selection.pending(), now), selection.invoiced().stream().map(l -> l.id()).toList());
            } else {
                store.save(gathering.withLines(selection.pending(), now));
            }
            InvoicingTerms current = terms.termsFor(namespace, customer.id());
            Invoice draft = new Invoice(TypeId.newUuid(), namespace, customer.id(), customer.snapshot(), current.supplier(), gathering.currency(),
                    InvoiceState.DRAFT_CREATED, InvoiceNumbers.reservedDraft(customer.numberPrefix()), current, null, null, null, null, null, null,
                    null, null, null, List.of(), null, now, now, null, selection.invoiced(), 0);
            // Not priced here: collecting measures the usage (once), or start() prices a draft left waiting for it.
            draft = draft.withTiming(InvoiceTiming.of(draft.lines(), current, now));
            made.add(driver.start(draft, customer.attributedValues()));
        }
        List<String> unknown = lineIds.stream().filter(id -> !seen.contains(id)).map(Ulid::of).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException("invoice_lines_not_billable", List.of(new FieldError("filters/lineIds",
                    "no pending lines of the customer have the ids " + String.join(", ", unknown), "invoice_lines_not_billable")));
        }
        return made;
    }

    /** Whether every remaining line is one of the stored lines as read (the selection keeps unsplit lines as they are). */
    private static boolean unchanged(List<dev.tollgate.billing.domain.invoice.InvoiceLine> stored,
                                     List<dev.tollgate.billing.domain.invoice.InvoiceLine> remaining) {
        Set<dev.tollgate.billing.domain.invoice.InvoiceLine> same = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        same.addAll(stored);
        return same.containsAll(remaining);
    }

    private static Set<UUID> lineIds(DocumentReader r, Map<String, Object> body) {
        Set<UUID> ids = new HashSet<>();
        Map<String, Object> filters = r.object(body, "", "filters", false);
        if (filters == null || filters.get("lineIds") == null) {
            return ids;
        }
        if (!(filters.get("lineIds") instanceof List<?> list)) {
            r.fail("filters/lineIds", "invalid_type", "must be an array of line ids");
            return ids;
        }
        for (int i = 0; i < list.size(); i++) {
            Object each = list.get(i);
            UUID id = each instanceof String text ? Ulid.parse(text).orElse(null) : null;
            if (id == null) {
                r.fail("filters/lineIds/" + i, "invalid_value", "must be a line's ULID");
            } else {
                ids.add(id);
            }
        }
        return ids;
    }
}

package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.service.InvoiceCustomers.InvoiceCustomer;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceLine;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.billing.domain.profile.InvoicingTerms;
import dev.tollgate.platform.domain.TypeId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Puts lines on a customer's gathering invoice in their currency, opening it when there is none. Callers are manual
 * pending lines and a void that re-bills lines; both hold the customer's lock (taken here) for the rest of their
 * transaction, so two of them never open two gathering invoices.
 */
@Singleton
class PendingLineBook {
    private final InvoiceStore store;
    private final InvoiceNumbers numbers;

    PendingLineBook(InvoiceStore store, InvoiceNumbers numbers) {
        this.store = store;
        this.numbers = numbers;
    }

    record Booked(Invoice invoice, boolean invoiceNew) {
    }

    Booked add(UUID namespace, InvoiceCustomer customer, String currency, List<InvoiceLine> lines, InvoicingTerms terms, Instant now) {
        store.lockCustomer(namespace, customer.id());
        var existing = store.lockGathering(namespace, customer.id(), currency);
        if (existing.isPresent()) {
            List<InvoiceLine> all = new ArrayList<>(existing.get().lines());
            all.addAll(lines);
            return new Booked(store.save(existing.get().withLines(all, now)), false);
        }
        Invoice opened = new Invoice(TypeId.newUuid(), namespace, customer.id(), customer.snapshot(), terms.supplier(), currency,
                InvoiceState.GATHERING, numbers.gathering(namespace, customer.numberPrefix(), currency), terms, null, null, null, null, null,
                null, null, null, null, List.of(), null, now, now, null, lines, 0);
        store.insert(opened);
        return new Booked(opened, true);
    }
}

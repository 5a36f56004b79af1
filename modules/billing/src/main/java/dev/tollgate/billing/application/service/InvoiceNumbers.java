package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Invoice numbers: {@code GATHER-<CUST>-<CUR>-n} for gathering invoices, {@code DRAFT-<CUST>-n} for drafts, and the
 * final {@code INV-<CUST>-n} assigned when an invoice is issued. Each is a series per namespace whose counter is taken
 * in the transaction that uses it, so a final number is never skipped or used twice.
 */
@Singleton
class InvoiceNumbers {
    private final InvoiceStore store;

    InvoiceNumbers(InvoiceStore store) {
        this.store = store;
    }

    String gathering(UUID namespace, String customerPrefix, String currency) {
        String series = "GATHER-" + customerPrefix + "-" + currency;
        return series + "-" + store.nextNumber(namespace, series);
    }

    String draft(UUID namespace, String customerPrefix) {
        String series = "DRAFT-" + customerPrefix;
        return series + "-" + store.nextNumber(namespace, series);
    }

    String issued(UUID namespace, String customerPrefix) {
        String series = "INV-" + customerPrefix;
        return series + "-" + store.nextNumber(namespace, series);
    }

    /** The prefix an invoice's number carries, read back from its draft number. */
    static String prefixOf(String number) {
        String[] parts = number.split("-");
        return parts.length >= 3 ? parts[1] : "CUST";
    }
}

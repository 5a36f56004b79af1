package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Invoice numbers: {@code GATHER-<CUST>-<CUR>-n} for gathering invoices, {@code DRAFT-<CUST>-n} for drafts, and the
 * final {@code INV-<CUST>-n} assigned when an invoice is issued. Each is a series per namespace whose counter is taken
 * in the transaction that uses it, so a number is never skipped or used twice.
 *
 * <p>Taking a number locks its series' row until the transaction commits, and customers share series (the prefix is
 * four characters of their key). So the draft and final numbers are <em>reserved</em> while an invoice is made (a
 * placeholder ending in {@value #RESERVED}) and {@link #assigned taken} only when it is stored, at the end of its
 * transaction: the row is held for the insert and the commit, not over the usage measurement before them. A draft
 * issued in the transaction that made it takes no draft number at all: nobody could have seen one.
 */
@Singleton
class InvoiceNumbers {
    /** The last segment of a reserved number; never part of a taken one (those end in digits). */
    static final String RESERVED = "#";
    private final InvoiceStore store;

    InvoiceNumbers(InvoiceStore store) {
        this.store = store;
    }

    String gathering(UUID namespace, String customerPrefix, String currency) {
        String series = "GATHER-" + customerPrefix + "-" + currency;
        return series + "-" + store.nextNumber(namespace, series);
    }

    /** A draft number to be taken when the invoice is stored. */
    static String reservedDraft(String customerPrefix) {
        return "DRAFT-" + customerPrefix + "-" + RESERVED;
    }

    /** A final number to be taken when the issued invoice is stored. */
    static String reservedFinal(String customerPrefix) {
        return "INV-" + customerPrefix + "-" + RESERVED;
    }

    /** The invoice with its reserved number, if any, taken from the series now; call right before storing it. */
    Invoice assigned(Invoice invoice) {
        String number = invoice.number();
        if (number == null || !number.endsWith("-" + RESERVED)) {
            return invoice;
        }
        String series = number.substring(0, number.length() - RESERVED.length() - 1);
        return invoice.numbered(series + "-" + store.nextNumber(invoice.namespace(), series));
    }

    /** The prefix an invoice's number carries, read back from its draft number. */
    static String prefixOf(String number) {
        String[] parts = number.split("-");
        return parts.length >= 3 ? parts[1] : "CUST";
    }
}

package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.Optional;
import java.util.UUID;

/** Listing and reading invoices; gathering invoices show their usage as of now. */
public interface ReadInvoicesUseCase {
    Page<ShownInvoice> list(Caller caller, InvoiceFilter filter, PageRequest page, boolean withLines);

    ShownInvoice get(Caller caller, String invoiceId);

    /**
     * An invoice of the namespace for the deployable's own use (no caller: another module asks, e.g. a notification
     * about it), deleted ones included; empty when the id is not a ULID or names no invoice there.
     */
    Optional<ShownInvoice> find(UUID namespace, String invoiceId);
}

package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;

/** Listing and reading invoices; gathering invoices show their usage as of now. */
public interface ReadInvoicesUseCase {
    Page<ShownInvoice> list(Caller caller, InvoiceFilter filter, PageRequest page, boolean withLines);

    ShownInvoice get(Caller caller, String invoiceId);
}

package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ReadInvoicesUseCase;
import dev.tollgate.billing.application.port.in.ShownInvoice;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
class InvoiceQueryService implements ReadInvoicesUseCase {
    private final InvoiceAccess access;
    private final InvoiceStore store;
    private final GatheringInvoices shown;

    InvoiceQueryService(InvoiceAccess access, InvoiceStore store, GatheringInvoices shown) {
        this.access = access;
        this.store = store;
        this.shown = shown;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<ShownInvoice> list(Caller caller, InvoiceFilter filter, PageRequest page, boolean withLines) {
        UUID namespace = access.reading(caller);
        // Lines are always read: totals are their sum, and a gathering invoice's are priced live. The view decides
        // whether to show them.
        return store.list(namespace, filter, page, true).map(shown::show);
    }

    @Override
    @Transactional(readOnly = true)
    public ShownInvoice get(Caller caller, String invoiceId) {
        UUID namespace = access.reading(caller);
        return shown.show(access.find(namespace, invoiceId));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ShownInvoice> find(UUID namespace, String invoiceId) {
        return Ulid.parse(invoiceId).flatMap(id -> store.find(namespace, id)).map(shown::show);
    }
}

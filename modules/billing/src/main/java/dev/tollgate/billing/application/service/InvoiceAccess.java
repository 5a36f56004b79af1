package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.util.UUID;

/** The namespace a caller may read or manage invoices in, and invoices found there by ULID (others are not found). */
@Singleton
class InvoiceAccess {
    private final TenancyApi tenancy;
    private final InvoiceStore store;

    InvoiceAccess(TenancyApi tenancy, InvoiceStore store) {
        this.tenancy = tenancy;
        this.store = store;
    }

    UUID reading(Caller caller) {
        return tenancy.requireNamespace(caller, Capability.READ_BILLING).id();
    }

    UUID managing(Caller caller) {
        return tenancy.requireNamespace(caller, Capability.MANAGE_BILLING).id();
    }

    Invoice find(UUID namespace, String invoiceId) {
        UUID id = Ulid.parse(invoiceId).orElseThrow(() -> notFound(invoiceId));
        return store.find(namespace, id).filter(i -> i.deletedAt() == null).orElseThrow(() -> notFound(invoiceId));
    }

    Invoice lock(UUID namespace, String invoiceId) {
        UUID id = Ulid.parse(invoiceId).orElseThrow(() -> notFound(invoiceId));
        return store.lock(namespace, id).filter(i -> i.deletedAt() == null).orElseThrow(() -> notFound(invoiceId));
    }

    static NotFoundException notFound(String invoiceId) {
        return NotFoundException.of("invoice", invoiceId);
    }
}

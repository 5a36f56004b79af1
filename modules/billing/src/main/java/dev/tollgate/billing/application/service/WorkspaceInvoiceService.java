package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.ReadWorkspaceInvoicesUseCase;
import dev.tollgate.billing.application.port.out.InvoiceStore;
import dev.tollgate.billing.application.service.WorkspaceBilling.Workspace;
import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceFilter;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

@Singleton
class WorkspaceInvoiceService implements ReadWorkspaceInvoicesUseCase {
    /** What a bill may be in: neither still gathering lines nor being deleted. */
    private static final List<String> BILLS = Arrays.stream(InvoiceState.values())
            .filter(s -> s != InvoiceState.GATHERING && s != InvoiceState.DELETED && !s.extendedStatus().startsWith("delete."))
            .map(InvoiceState::extendedStatus).toList();
    private final WorkspaceBilling workspaces;
    private final InvoiceStore store;
    private final InvoiceAccess access;

    WorkspaceInvoiceService(WorkspaceBilling workspaces, InvoiceStore store, InvoiceAccess access) {
        this.workspaces = workspaces;
        this.store = store;
        this.access = access;
    }

    @Override
    @Transactional(readOnly = true)
    public List<WorkspaceInvoice> list(Caller caller, String workspaceSlug, Set<InvoiceState> states, PageRequest page) {
        return bills(workspaces.require(caller, workspaceSlug, Capability.READ_BILLING), states, page);
    }

    @Override
    @Transactional(readOnly = true)
    public List<WorkspaceInvoice> listOfOrganization(Caller caller, String organizationIdOrSlug) {
        Workspace workspace = workspaces.requireOrganization(caller, organizationIdOrSlug, Capability.READ_INVOICES);
        List<WorkspaceInvoice> all = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            List<WorkspaceInvoice> batch = bills(workspace, Set.of(), PageRequest.ofPage(page, PageRequest.MAX_LIMIT));
            all.addAll(batch);
            if (batch.size() < PageRequest.MAX_LIMIT) {
                return all;
            }
        }
    }

    private List<WorkspaceInvoice> bills(Workspace workspace, Set<InvoiceState> states, PageRequest page) {
        List<String> wanted = states.isEmpty() ? BILLS : states.stream().map(InvoiceState::extendedStatus).filter(BILLS::contains).toList();
        if (wanted.isEmpty()) {
            return List.of();
        }
        InvoiceFilter filter = new InvoiceFilter(List.of(), wanted, null, null, null, null, null, null, List.of(workspace.customerId()), false,
                "created_at", true);
        return store.list(TenancyApi.SYSTEM_NAMESPACE, filter, page, true).items().stream()
                .map(i -> new WorkspaceInvoice(workspace.organization().id(), i)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public WorkspaceInvoice get(Caller caller, String workspaceSlug, String invoiceId) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.READ_BILLING);
        Invoice invoice = access.find(TenancyApi.SYSTEM_NAMESPACE, invoiceId);
        if (!invoice.customerId().equals(workspace.customerId()) || !BILLS.contains(invoice.state().extendedStatus())) {
            throw InvoiceAccess.notFound(invoiceId); // another workspace's, or not a bill: as if there were none
        }
        return new WorkspaceInvoice(workspace.organization().id(), invoice);
    }
}

package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.invoice.Invoice;
import dev.tollgate.billing.domain.invoice.InvoiceState;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A workspace's bills: the standard invoices of its organization's customer in the system namespace (gathering and
 * deleted ones are not bills). Money, so billing readers only (admins, billing.read keys); a stranger is forbidden.
 */
public interface ReadWorkspaceInvoicesUseCase {
    /** Newest first, narrowed to {@code states} unless empty. */
    List<WorkspaceInvoice> list(Caller caller, String workspaceSlug, Set<InvoiceState> states, PageRequest page);

    /** Not found unless the invoice is one of the workspace's bills. */
    WorkspaceInvoice get(Caller caller, String workspaceSlug, String invoiceId);

    /**
     * PlanetScale's listInvoices: every bill of the organization (its id or name), newest first, unpaginated as PlanetScale
     * lists them. Invoice readers only (READ_INVOICES: billing readers, and service tokens with read_invoices); a stranger
     * does not learn that the organization exists (not found).
     */
    List<WorkspaceInvoice> listOfOrganization(Caller caller, String organizationIdOrSlug);

    record WorkspaceInvoice(UUID workspaceId, Invoice invoice) {
    }
}

package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.tenancy.api.TenancyApi.CustomerAttribution;
import dev.tollgate.tenancy.api.TenancyApi.OrganizationSummary;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * A Centrali workspace as billing knows it: its organization (Centrali's access rules: a stranger is forbidden) and
 * that organization's customer in the system namespace, whose subscription is its tier and whose invoices are its bills.
 */
@Singleton
class WorkspaceBilling {
    private final TenancyApi tenancy;

    WorkspaceBilling(TenancyApi tenancy) {
        this.tenancy = tenancy;
    }

    Workspace require(Caller caller, String slug, Capability capability) {
        return of(tenancy.requireWorkspace(caller, slug, capability));
    }

    /** The same by PgBeam's and PlanetScale's rules: an organization by id or slug, not found for a stranger. */
    Workspace requireOrganization(Caller caller, String idOrSlug, Capability capability) {
        return of(tenancy.requireOrganization(caller, idOrSlug, capability));
    }

    private Workspace of(OrganizationSummary organization) {
        CustomerAttribution customer = tenancy.requireCustomers(TenancyApi.SYSTEM_NAMESPACE, List.of(organization.publicId())).get(0);
        return new Workspace(organization, customer.id(), List.copyOf(customer.values()));
    }

    /** @param subjects the values the customer's usage is attributed to (the organization's public id among them) */
    record Workspace(OrganizationSummary organization, String customerId, List<String> subjects) {
    }
}

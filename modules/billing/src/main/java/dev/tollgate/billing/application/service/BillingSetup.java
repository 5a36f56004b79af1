package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.BillingNamespaces;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.Marketplace;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.Party;
import dev.tollgate.billing.domain.profile.ProfileApps;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.tenancy.api.TenancyApi.OrganizationSummary;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * A namespace's first contact with billing gives it a sandbox app and a default profile that uses it for tax,
 * invoicing and payment (ADR 0031), so every customer always resolves to some terms. Runs inside the caller's
 * transaction: the claim row makes concurrent first requests wait for one set-up instead of making two.
 */
@Singleton
class BillingSetup {
    static final String SANDBOX_NAME = "Sandbox";
    static final String DEFAULT_PROFILE_NAME = "Default Profile";
    private final BillingNamespaces namespaces;
    private final AppStore apps;
    private final ProfileStore profiles;
    private final TenancyApi tenancy;
    private final Clock clock;

    BillingSetup(BillingNamespaces namespaces, AppStore apps, ProfileStore profiles, TenancyApi tenancy, Clock clock) {
        this.namespaces = namespaces;
        this.apps = apps;
        this.profiles = profiles;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** The caller's namespace, allowed to read billing, set up. */
    UUID reading(Caller caller) {
        OrganizationSummary organization = tenancy.requireNamespace(caller, Capability.READ_BILLING);
        ensure(organization.id(), organization.name());
        return organization.id();
    }

    /** The caller's namespace, allowed to manage billing, set up and locked until the transaction ends. */
    UUID writing(Caller caller) {
        OrganizationSummary organization = tenancy.requireNamespace(caller, Capability.MANAGE_BILLING);
        ensure(organization.id(), organization.name());
        namespaces.lock(organization.id());
        return organization.id();
    }

    /** For callers without a caller (invoicing's workers): the supplier is named after the organization, if it is one. */
    void ensure(UUID namespace) {
        if (profiles.findDefault(namespace).isEmpty()) {
            ensure(namespace, tenancy.findOrganization(namespace).map(OrganizationSummary::name).orElse("Tollgate"));
        }
    }

    private void ensure(UUID namespace, String supplierName) {
        if (profiles.findDefault(namespace).isPresent() || !namespaces.claim(namespace, clock.instant())) {
            return; // set up before, or by the request this one waited for
        }
        App sandbox = App.install(namespace, Marketplace.SANDBOX, SANDBOX_NAME, clock.instant());
        apps.save(sandbox);
        Party supplier = new Party(null, supplierName, null, List.of());
        profiles.save(BillingProfile.create(namespace, new BillingProfile.Details(DEFAULT_PROFILE_NAME, null, null, supplier, Workflow.DEFAULTS, true),
                ProfileApps.all(sandbox.id()), clock.instant()));
    }
}

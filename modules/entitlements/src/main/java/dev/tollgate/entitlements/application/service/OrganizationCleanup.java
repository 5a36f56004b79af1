package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.OrganizationCleanupApi;
import dev.tollgate.entitlements.api.TierChanges;
import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import dev.tollgate.entitlements.application.port.out.BillingStateStore.BillingState;
import dev.tollgate.entitlements.application.port.out.MarketplaceAccountStore;
import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import dev.tollgate.entitlements.application.port.out.VercelResourceStore;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.entitlements.domain.MarketplaceAccount.Provider;
import dev.tollgate.entitlements.domain.VercelResource;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * PgBeam's "removes Vercel installations and deletes the organization plan row", in Tollgate's terms: the Vercel
 * accounts end (the rows stay, ended, for the usage still to report), the tier returns to the initial one (the plan the
 * deleted row stood for is no longer paid for: without this a deleted organization would keep being invoiced for it)
 * and the reported billing state goes. An organization tenancy no longer has live (pending deletion, purged) keeps its
 * tier: there is no customer left to move, and a restored workspace comes back as it was.
 */
@Singleton
class OrganizationCleanup implements OrganizationCleanupApi {
    private final MarketplaceAccountStore accounts;
    private final VercelResourceStore resources;
    private final BillingStateStore billing;
    private final EntitlementsApi entitlements;
    private final TierChanges tiers;
    private final PackageEntitlements packages;
    private final ProvisioningSettings settings;
    private final TenancyApi tenancy;
    private final AuditTrail audit;
    private final Clock clock;

    OrganizationCleanup(MarketplaceAccountStore accounts, VercelResourceStore resources, BillingStateStore billing, EntitlementsApi entitlements,
                        TierChanges tiers, PackageEntitlements packages, ProvisioningSettings settings, TenancyApi tenancy, AuditTrail audit,
                        Clock clock) {
        this.accounts = accounts;
        this.resources = resources;
        this.billing = billing;
        this.entitlements = entitlements;
        this.tiers = tiers;
        this.packages = packages;
        this.settings = settings;
        this.tenancy = tenancy;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void removePlanAndInstallations(Caller operator, UUID organizationId) {
        Instant now = clock.instant();
        for (MarketplaceAccount installation : accounts.ofOrganization(Provider.VERCEL, organizationId)) {
            endInstallation(operator, installation, now);
        }
        tenancy.findOrganization(organizationId).ifPresent(live -> resetTier(operator, live, now));
        deletePlanRow(operator, organizationId);
    }

    /** As Vercel's uninstall ends one, under the same lock; an installation already ended with no resource left is skipped. */
    private void endInstallation(Caller operator, MarketplaceAccount installation, Instant now) {
        accounts.lock(Provider.VERCEL, installation.externalId());
        MarketplaceAccount current = accounts.find(Provider.VERCEL, installation.externalId()).orElse(installation);
        List<VercelResource> live = resources.liveOf(current.externalId());
        if (current.endedAt() != null && live.isEmpty()) {
            return;
        }
        if (current.endedAt() == null) {
            accounts.save(current.ended(now));
        }
        live.forEach(resource -> resources.save(resource.deleted(now)));
        audit.record(operator, current.organizationId(), AuditTrail.Change.deleted("vercel_installation", current.externalId(),
                "Vercel installation " + current.externalId() + " removed with its " + live.size() + " resource(s): the organization's resources were deleted",
                AuditTrail.fields("plan", current.plan(), "status", current.status(), "resources", live.stream().map(VercelResource::id).toList())));
    }

    private void resetTier(Caller operator, TenancyApi.OrganizationSummary organization, Instant now) {
        String initial = settings.initialTier();
        EntitlementsApi.OrganizationLimits before = entitlements.limitsOf(organization.publicId());
        if (initial.equals(before.tier()) && !before.customPricing()) {
            return;
        }
        tiers.move(organization.publicId(), initial, null, false); // at once: nobody pays for the rest of the period
        packages.reapplyAddons(organization.id(), organization.publicId(), now);
        audit.record(operator, organization.id(), new AuditTrail.Change("tier", organization.publicId(), "tier.changed",
                "Tier reset to " + initial + ": the organization's resources were deleted", AuditTrail.fields("tier", before.tier()),
                AuditTrail.fields("tier", initial)));
    }

    private void deletePlanRow(Caller operator, UUID organizationId) {
        BillingState state = billing.find(organizationId).orElse(null);
        if (state == null || !billing.delete(organizationId)) {
            return;
        }
        audit.record(operator, organizationId, AuditTrail.Change.deleted("plan", TypeId.format("org", organizationId),
                "Plan record deleted (billed through " + state.billingProvider() + ", subscription " + state.subscriptionStatus() + ")",
                AuditTrail.fields("billing_provider", state.billingProvider(), "subscription_status", state.subscriptionStatus(),
                        "stripe_customer_id", state.stripeCustomerId(), "stripe_subscription_id", state.stripeSubscriptionId())));
    }
}

package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.TierOffer;
import dev.tollgate.entitlements.api.TierChanges;
import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import dev.tollgate.entitlements.application.port.out.BillingStateStore.BillingState;
import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import dev.tollgate.entitlements.domain.MarketplaceAccount;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AccountsApi;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * What a marketplace purchase does to its organization, for both vendors: the tier it bought while it stands (the
 * initial tier once it has ended), applied at once because the vendor, not Tollgate, bills the period; and the
 * organization's billing state, provider vercel or aws with the purchase's status, as GetOrganizationPlan shows it; billing
 * is told the vendor collects, so Tollgate's own invoices for the tier never reach Stripe (ADR 0046).
 */
@Singleton
class MarketplaceTiers {
    private final CatalogApi catalog;
    private final TierChanges changes;
    private final PackageEntitlements packages;
    private final BillingStateStore billing;
    private final ProvisioningSettings settings;
    private final AccountsApi accounts;
    private final Clock clock;

    MarketplaceTiers(CatalogApi catalog, TierChanges changes, PackageEntitlements packages, BillingStateStore billing,
                     ProvisioningSettings settings, AccountsApi accounts, Clock clock) {
        this.catalog = catalog;
        this.changes = changes;
        this.packages = packages;
        this.billing = billing;
        this.settings = settings;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** The tiers a marketplace sells: the self-serve ones (enterprise is priced by hand, never bought there). */
    List<TierOffer> offers() {
        return catalog.selfServeTiers();
    }

    /** The self-serve tier a vendor's plan id names (ids are tier keys); a validation error on {@code field} otherwise. */
    TierOffer offer(String field, String planId) {
        return offers().stream().filter(t -> t.key().equals(planId)).findFirst()
                .orElseThrow(() -> new ValidationException(field, "'" + planId + "' is not a plan of this product"));
    }

    /** The offer of a tier an account is on (its plan may have been withdrawn since: then a bare one by that key). */
    TierOffer offerOf(String tier) {
        return offers().stream().filter(t -> t.key().equals(tier)).findFirst().orElse(new TierOffer(tier, tier, null, 0));
    }

    String initialTier() {
        return settings.initialTier();
    }

    /** Puts the account's organization on the tier its state pays for and records its billing state. */
    void apply(MarketplaceAccount account) {
        if (account.organizationId() == null) {
            return; // an AWS subscription nobody has claimed yet has no organization to change
        }
        var organization = accounts.workspace(account.organizationId())
                .orElseThrow(() -> new NotFoundException("Organization of marketplace account " + account.externalId() + " not found"));
        String tier = account.standing() ? account.plan() : settings.initialTier();
        changes.collectThrough(organization.publicId(), account.provider().key()); // the vendor collects, never Tollgate's Stripe
        changes.move(organization.publicId(), tier, null, false);
        packages.reapplyAddons(organization.id(), organization.publicId(), clock.instant()); // a new tier keeps the paid add-ons
        billing.save(organization.id(), new BillingState(account.provider().key(), account.status(), null, null), clock.instant());
    }
}

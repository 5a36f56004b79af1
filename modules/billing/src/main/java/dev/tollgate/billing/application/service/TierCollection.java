package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.AppStore;
import dev.tollgate.billing.application.port.out.BillingNamespaces;
import dev.tollgate.billing.application.port.out.OverrideStore;
import dev.tollgate.billing.application.port.out.ProfileStore;
import dev.tollgate.billing.domain.app.App;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.Marketplace;
import dev.tollgate.billing.domain.profile.BillingProfile;
import dev.tollgate.billing.domain.profile.CustomerOverride;
import dev.tollgate.billing.domain.profile.ProfileApps;
import dev.tollgate.billing.domain.profile.Workflow;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who collects an organization's tier invoices (ADR 0046). Tollgate collects through the system namespace's default
 * profile — the platform's Stripe app once it is installed (ADR 0042) — for organizations whose billing provider is
 * {@code stripe} or not recorded. For {@code vercel}, {@code aws} and {@code manual} someone else collects: the
 * organization's customer is pinned (a customer override, ADR 0031) to the profile "Collected outside Tollgate", whose
 * apps are the sandbox, so its invoices are still made (usage and Tollgate's prices visible) and settle inside Tollgate
 * without ever reaching Stripe. Invoices take their terms when they are made, so a change applies from the next invoice
 * on. Runs inside the caller's transaction, under the system namespace's billing lock.
 */
@Singleton
class TierCollection {
    /** Metadata that marks the profile this class pins; an operator sees it on the profile. */
    static final String MARK = "tollgate.collection";
    static final String OUTSIDE = "outside";
    static final String PROFILE_NAME = "Collected outside Tollgate";
    private static final UUID SYSTEM = TenancyApi.SYSTEM_NAMESPACE;
    private final BillingSetup setup;
    private final BillingNamespaces namespaces;
    private final ProfileStore profiles;
    private final OverrideStore overrides;
    private final AppStore apps;
    private final TenancyApi tenancy;
    private final Clock clock;

    TierCollection(BillingSetup setup, BillingNamespaces namespaces, ProfileStore profiles, OverrideStore overrides, AppStore apps,
                   TenancyApi tenancy, Clock clock) {
        this.setup = setup;
        this.namespaces = namespaces;
        this.profiles = profiles;
        this.overrides = overrides;
        this.apps = apps;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** Whether Tollgate collects for the provider: {@code stripe}, or none recorded (a self-serve sign-up). */
    static boolean collectedByTollgate(String billingProvider) {
        return billingProvider == null || "stripe".equals(billingProvider);
    }

    void collectThrough(String organizationPublicId, String billingProvider) {
        UUID customer = Ulid.parse(tenancy.requireCustomers(SYSTEM, List.of(organizationPublicId)).get(0).id()).orElseThrow();
        setup.ensure(SYSTEM);
        namespaces.lock(SYSTEM); // overrides and profiles change under it (ADR 0031): the operator's edits wait, or this does
        Optional<CustomerOverride> override = overrides.find(SYSTEM, customer);
        Optional<BillingProfile> pinned = override.map(CustomerOverride::billingProfileId).flatMap(id -> profiles.find(SYSTEM, id))
                .filter(BillingProfile::live);
        if (collectedByTollgate(billingProvider)) {
            if (pinned.filter(TierCollection::outside).isPresent()) {
                overrides.delete(SYSTEM, customer); // back to the default profile, and so to the platform's Stripe
            }
            return;
        }
        if (pinned.isPresent() && !throughStripe(pinned.get())) {
            return; // already collected outside Stripe: by our profile, or by one the operator pinned (custom invoicing, say)
        }
        BillingProfile outside = outsideProfile();
        Instant now = clock.instant();
        overrides.save(override.map(o -> o.pinning(outside.id(), now)).orElseGet(() -> new CustomerOverride(SYSTEM, customer, outside.id(), now, now)));
    }

    /** Whether the customer of the system namespace is pinned to the profile someone else collects through. */
    boolean collectedOutside(String customerId) {
        return Ulid.parse(customerId).flatMap(id -> overrides.find(SYSTEM, id)).map(CustomerOverride::billingProfileId)
                .flatMap(id -> profiles.find(SYSTEM, id)).filter(BillingProfile::live).filter(TierCollection::outside).isPresent();
    }

    private static boolean outside(BillingProfile profile) {
        return profile.metadata() != null && OUTSIDE.equals(profile.metadata().get(MARK));
    }

    private boolean throughStripe(BillingProfile profile) {
        return List.of(profile.apps().invoicing(), profile.apps().payment()).stream()
                .anyMatch(id -> apps.find(SYSTEM, id).map(a -> a.type() == AppType.STRIPE).orElse(false));
    }

    /** The system namespace's profile for organizations someone else collects from, made on first need over its sandbox. */
    private BillingProfile outsideProfile() {
        return profiles.findLiveMarked(SYSTEM, MARK, OUTSIDE).orElseGet(() -> {
            Instant now = clock.instant();
            App sandbox = apps.firstInstalled(SYSTEM, AppType.SANDBOX).orElseGet(() -> {
                App installed = App.install(SYSTEM, Marketplace.SANDBOX, BillingSetup.SANDBOX_NAME, now);
                apps.save(installed);
                return installed;
            });
            BillingProfile fallback = profiles.findDefault(SYSTEM)
                    .orElseThrow(() -> new IllegalStateException("the system namespace has no default billing profile after set-up"));
            BillingProfile made = BillingProfile.create(SYSTEM, new BillingProfile.Details(PROFILE_NAME,
                    "Tier invoices of organizations billed by Vercel, AWS or the operator by hand: recorded, never collected through Stripe",
                    Map.of(MARK, OUTSIDE), fallback.supplier(), Workflow.DEFAULTS, false), ProfileApps.all(sandbox.id()), now);
            profiles.save(made);
            return made;
        });
    }
}

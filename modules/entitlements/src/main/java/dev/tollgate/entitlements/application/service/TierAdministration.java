package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.application.port.in.ManageTiersUseCase;
import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import dev.tollgate.entitlements.application.port.out.BillingStateStore.BillingState;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Set;

@Singleton
class TierAdministration implements ManageTiersUseCase {
    private static final Set<String> SELF_SERVE = Set.of("starter", "pro", "scale");
    private static final Set<String> STANDING = Set.of("active", "trialing", "past_due");
    private static final Set<String> ENDED = Set.of("none", "canceled", "unpaid", "incomplete", "incomplete_expired", "paused");
    private static final java.util.List<String> RANK = java.util.List.of("starter", "pro", "scale", "enterprise");
    private final EntitlementsApi entitlements;
    private final dev.tollgate.entitlements.api.TierChanges changes;
    private final TenancyApi tenancy;

    private final PackageEntitlements packages;
    private final BillingStateStore billing;
    private final java.time.Clock clock;

    TierAdministration(EntitlementsApi entitlements, dev.tollgate.entitlements.api.TierChanges changes, TenancyApi tenancy,
                       PackageEntitlements packages, BillingStateStore billing, java.time.Clock clock) {
        this.entitlements = entitlements;
        this.changes = changes;
        this.tenancy = tenancy;
        this.packages = packages;
        this.billing = billing;
        this.clock = clock;
    }

    private OrganizationTier tierOf(TenancyApi.OrganizationSummary organization) {
        var state = billing.find(organization.id());
        return new OrganizationTier(organization.publicId(), entitlements.limitsOf(organization.publicId()),
                state.map(BillingState::billingProvider).orElse(null), state.map(BillingState::subscriptionStatus).orElse(null));
    }

    @Override
    @Transactional(readOnly = true)
    public OrganizationTier organizationTier(Caller caller, String organizationIdOrSlug) {
        var organization = tenancy.requireOrganization(caller, organizationIdOrSlug, Capability.READ_ORGANIZATION);
        return tierOf(organization);
    }

    @Override
    @Transactional
    public OrganizationTier setEnterprisePlan(Caller caller, String organizationId, String billingProvider,
                                              EntitlementsApi.CustomLimits limits) {
        requireOperator(caller);
        var organization = tenancy.findOrganization(organizationId)
                .orElseThrow(() -> dev.tollgate.platform.domain.NotFoundException.of("Organization", organizationId));
        changes.move(organization.publicId(), "enterprise", limits, false);
        packages.reapplyAddons(organization.id(), organization.publicId(), clock.instant()); // a new tier keeps the paid add-ons
        BillingState before = billing.find(organization.id()).orElse(null);
        billing.save(organization.id(), new BillingState(billingProvider, before == null ? "none" : before.subscriptionStatus(),
                before == null ? null : before.stripeCustomerId(), before == null ? null : before.stripeSubscriptionId()), clock.instant());
        return tierOf(organization);
    }

    private static void requireOperator(Caller caller) {
        if (caller.kind() != Caller.Kind.OPERATOR) {
            throw new UnauthenticatedException("Internal routes need the X-Internal-Secret header");
        }
    }

    @Override
    @Transactional
    public SyncOutcome syncPlan(Caller caller, String organizationId, String plan, String status, String stripeCustomerId,
                                String stripeSubscriptionId) {
        requireOperator(caller);
        if (plan == null || !SELF_SERVE.contains(plan)) {
            throw new ValidationException("plan", "must be starter, pro or scale");
        }
        if (status == null || !STANDING.contains(status) && !ENDED.contains(status)) {
            throw new ValidationException("status", "must be a Stripe subscription status such as active, trialing or canceled");
        }
        var organization = tenancy.findOrganization(organizationId)
                .orElseThrow(() -> dev.tollgate.platform.domain.NotFoundException.of("Organization", organizationId));
        if (tierOf(organization).customPricing()) {
            return SyncOutcome.SKIPPED_CUSTOM_PRICING; // the subscription does not price this organization: nothing changes
        }
        String tier = STANDING.contains(status) ? plan : TierService.STARTER;
        // A downgrade the customer chose keeps the paid tier to the end of its period; losing standing does not.
        String before = entitlements.limitsOf(organization.publicId()).tier();
        boolean downgrade = STANDING.contains(status) && RANK.indexOf(tier) < RANK.indexOf(before);
        changes.move(organization.publicId(), tier, null, downgrade);
        packages.reapplyAddons(organization.id(), organization.publicId(), clock.instant()); // a new tier keeps the paid add-ons
        billing.save(organization.id(), new BillingState("stripe", status, stripeCustomerId, stripeSubscriptionId), clock.instant());
        return SyncOutcome.SYNCED;
    }
}

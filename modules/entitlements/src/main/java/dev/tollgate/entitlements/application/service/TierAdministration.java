package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.application.port.in.ManageTiersUseCase;
import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import dev.tollgate.entitlements.application.port.out.BillingStateStore.BillingState;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.UUID;

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
    private final dev.tollgate.entitlements.api.SpendCapsApi spendCaps;
    private final dev.tollgate.entitlements.application.port.out.CancellationFeedbackStore cancellations;
    private final AuditTrail audit;

    TierAdministration(EntitlementsApi entitlements, dev.tollgate.entitlements.api.TierChanges changes, TenancyApi tenancy,
                       PackageEntitlements packages, BillingStateStore billing, dev.tollgate.entitlements.api.SpendCapsApi spendCaps,
                       dev.tollgate.entitlements.application.port.out.CancellationFeedbackStore cancellations, java.time.Clock clock,
                       AuditTrail audit) {
        this.audit = audit;
        this.spendCaps = spendCaps;
        this.cancellations = cancellations;
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
                state.map(BillingState::billingProvider).orElse(null), state.map(BillingState::subscriptionStatus).orElse(null),
                spendCaps.spendCapOf(organization.publicId()).spendLimit());
    }

    @Override
    @Transactional
    public void submitCancellationFeedback(Caller caller, String organizationIdOrSlug, String reason, String feedback) {
        var organization = tenancy.requireOrganization(caller, organizationIdOrSlug, Capability.MANAGE_BILLING);
        if (reason != null && reason.length() > 200) {
            throw new ValidationException("reason", "must be at most 200 characters");
        }
        if (feedback != null && feedback.length() > 10_000) {
            throw new ValidationException("feedback", "must be at most 10000 characters");
        }
        UUID id = dev.tollgate.platform.domain.TypeId.newUuid();
        cancellations.add(new dev.tollgate.entitlements.application.port.out.CancellationFeedbackStore.Feedback(
                id, organization.id(), caller.userId(), caller.credentialId(), reason, feedback, clock.instant()));
        // the feedback's text stays out of the log: it is the customer's own words, kept where it was given
        audit.record(caller, organization.id(), AuditTrail.Change.created("cancellation_feedback", id.toString(),
                "Cancellation feedback submitted" + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
                AuditTrail.fields("reason", reason)));
    }

    @Override
    @Transactional
    public OrganizationTier updateSpendLimit(Caller caller, String organizationIdOrSlug, java.math.BigDecimal spendLimit) {
        var organization = tenancy.requireOrganization(caller, organizationIdOrSlug, Capability.MANAGE_BILLING);
        if (spendLimit != null && spendLimit.signum() < 0) {
            throw new ValidationException("spend_limit", "must not be negative");
        }
        java.math.BigDecimal before = spendCaps.spendCapOf(organization.publicId()).spendLimit();
        spendCaps.setSpendLimit(organization.publicId(), spendLimit);
        if (before == null ? spendLimit != null : spendLimit == null || before.compareTo(spendLimit) != 0) {
            audit.record(caller, organization.id(), AuditTrail.Change.updated("spend_limit", organization.publicId(), spendLimit == null
                    ? "Spend limit removed" : "Spend limit set to " + spendLimit.toPlainString(), AuditTrail.fields("spend_limit", before),
                    AuditTrail.fields("spend_limit", spendLimit)));
        }
        return tierOf(organization);
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
        String tierBefore = entitlements.limitsOf(organization.publicId()).tier();
        changes.collectThrough(organization.publicId(), billingProvider); // manual: the operator invoices by hand (ADR 0046)
        changes.move(organization.publicId(), "enterprise", limits, false);
        packages.reapplyAddons(organization.id(), organization.publicId(), clock.instant()); // a new tier keeps the paid add-ons
        BillingState before = billing.find(organization.id()).orElse(null);
        billing.save(organization.id(), new BillingState(billingProvider, before == null ? "none" : before.subscriptionStatus(),
                before == null ? null : before.stripeCustomerId(), before == null ? null : before.stripeSubscriptionId()), clock.instant());
        audit.record(caller, organization.id(), new AuditTrail.Change("tier", organization.publicId(), "tier.changed",
                "Enterprise plan set (billed through " + billingProvider + ")", AuditTrail.fields("tier", tierBefore),
                AuditTrail.fields("tier", "enterprise", "billing_provider", billingProvider)));
        return tierOf(organization);
    }

    static void requireOperator(Caller caller) {
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
        changes.collectThrough(organization.publicId(), "stripe"); // from the next invoice on, whoever collected before
        changes.move(organization.publicId(), tier, null, downgrade);
        packages.reapplyAddons(organization.id(), organization.publicId(), clock.instant()); // a new tier keeps the paid add-ons
        billing.save(organization.id(), new BillingState("stripe", status, stripeCustomerId, stripeSubscriptionId), clock.instant());
        audit.record(caller, organization.id(), new AuditTrail.Change("tier", organization.publicId(), "tier.synced",
                "Plan synchronized from Stripe: " + tier + " (" + status + ")", AuditTrail.fields("tier", before),
                AuditTrail.fields("tier", tier, "subscription_status", status, "billing_provider", "stripe")));
        return SyncOutcome.SYNCED;
    }
}

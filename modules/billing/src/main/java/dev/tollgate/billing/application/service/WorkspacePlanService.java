package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageWorkspacePlanUseCase;
import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.application.service.WorkspaceBilling.Workspace;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.entitlements.api.EntitlementsApi;
import dev.tollgate.entitlements.api.EntitlementsApi.OrganizationLimits;
import dev.tollgate.entitlements.api.TierChanges;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

@Singleton
class WorkspacePlanService implements ManageWorkspacePlanUseCase {
    /** Tollgate's tiers from the smallest up, as TierAdministration ranks them for PgBeam's SyncPlan. */
    private static final List<String> RANK = List.of("starter", "pro", "scale", "enterprise");
    private final WorkspaceBilling workspaces;
    private final EntitlementsApi entitlements;
    private final TierChanges tiers;
    private final CatalogApi catalog;
    private final SubscriptionStore subscriptions;
    private final TierCollection collection;
    private final Clock clock;

    private final AuditTrail audit;

    WorkspacePlanService(WorkspaceBilling workspaces, EntitlementsApi entitlements, TierChanges tiers, CatalogApi catalog,
                         SubscriptionStore subscriptions, TierCollection collection, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.collection = collection;
        this.workspaces = workspaces;
        this.entitlements = entitlements;
        this.tiers = tiers;
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public WorkspacePlan plan(Caller caller, String workspaceSlug) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.READ_ORGANIZATION);
        OrganizationLimits limits = entitlements.limitsOf(workspace.organization().publicId());
        return new WorkspacePlan(limits.tier(), selfServe(), limits);
    }

    @Override
    @Transactional
    public PlanChange change(Caller caller, String workspaceSlug, String newPlan) {
        Workspace workspace = workspaces.require(caller, workspaceSlug, Capability.MANAGE_BILLING);
        List<String> available = selfServe();
        if (!available.contains(newPlan)) {
            throw new ValidationException("newPlan", "must be one of " + String.join(", ", available));
        }
        String organization = workspace.organization().publicId();
        OrganizationLimits before = entitlements.limitsOf(organization);
        if (before.customPricing()) {
            throw new ValidationException("newPlan", "the workspace is on custom enterprise terms, which Tollgate staff change");
        }
        if (collection.collectedOutside(workspace.customerId())) {
            // Tollgate collects nothing from it (ADR 0046): a tier chosen here would be unpaid; its marketplace sells the plans.
            throw new ValidationException("newPlan", "the workspace is billed through its marketplace (or by hand): change the plan there");
        }
        boolean downgrade = RANK.indexOf(newPlan) < RANK.indexOf(before.tier());
        tiers.move(organization, newPlan, null, downgrade);
        Instant now = clock.instant();
        Instant effectiveAt = now;
        if (downgrade) {
            effectiveAt = subscriptions.ofCustomer(TenancyApi.SYSTEM_NAMESPACE, workspace.customerId()).stream()
                    .filter(s -> s.status(now) == SubscriptionStatus.SCHEDULED).map(Subscription::activeFrom).findFirst().orElse(now);
        }
        if (!newPlan.equals(before.tier())) {
            audit.record(caller, workspace.organization().id(), new AuditTrail.Change("tier", organization, "tier.changed", "Plan changed from "
                    + before.tier() + " to " + newPlan + (downgrade ? " at the end of the period (" + effectiveAt + ")" : ""),
                    AuditTrail.fields("tier", before.tier()), AuditTrail.fields("tier", newPlan, "effective_at", effectiveAt)));
        }
        return new PlanChange(before.tier(), newPlan, entitlements.limitsOf(organization).tier(), effectiveAt);
    }

    /** The tiers a workspace may choose itself: the published tier plans marked self-serve, smallest first. */
    private List<String> selfServe() {
        return RANK.stream().filter(key -> catalog.activePlan(TenancyApi.SYSTEM_NAMESPACE, key)
                .filter(p -> p.metadata() != null && "true".equals(p.metadata().get("self_serve"))).isPresent()).toList();
    }
}

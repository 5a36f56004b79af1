package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.TemplateTerms;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.application.port.out.PackageStore;
import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.PackageKind;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps a workspace's entitlements in line with its provisioned packages (ADR 0014), in the caller's transaction.
 * <ul>
 *   <li>A plan package's tier becomes the workspace's entitlements, annotated with the package id and in force until
 *       the package expires; suspending ends them now (they and their boosts stay, for unsuspending); cancelling puts
 *       the workspace back on the initial tier. A new tier re-applies the workspace's add-ons in force.</li>
 *   <li>An add-on package stacks on the tier: a feature the workspace has no entitlement to gets one from the
 *       add-on's template (annotated, until expiry); a metered feature it has gets a grant of the template's allowance
 *       every usage period (annotated, until expiry); a boolean or static feature it has already is left as it is.
 *       Suspending ends its entitlements now and voids its grants; cancelling deletes and voids them.</li>
 * </ul>
 */
@Singleton
class PackageEntitlements {
    static final String PACKAGE_ANNOTATION = "tollgate.package";
    /** A boost (a grant beyond the tier's own) with this metadata ends when the package renews. */
    static final String CYCLE_BOUND = "cycle_bound";
    private final TierService tiers;
    private final EntitlementStore entitlements;
    private final GrantStore grants;
    private final PackageStore packages;
    private final CatalogApi catalog;
    private final ProvisioningSettings settings;
    private final ApplicationEventPublisher<LimitsChanged> changes;

    PackageEntitlements(TierService tiers, EntitlementStore entitlements, GrantStore grants, PackageStore packages, CatalogApi catalog,
                        ProvisioningSettings settings, ApplicationEventPublisher<LimitsChanged> changes) {
        this.tiers = tiers;
        this.entitlements = entitlements;
        this.grants = grants;
        this.packages = packages;
        this.catalog = catalog;
        this.settings = settings;
        this.changes = changes;
    }

    void apply(WorkspacePackage p, String organizationPublicId, Instant now) {
        if (p.kind() == PackageKind.ADDON) {
            applyAddon(p, organizationPublicId, now);
        } else {
            applyPlan(p, organizationPublicId, now);
        }
        changes.publishEvent(new LimitsChanged(organizationPublicId));
    }

    private void applyPlan(WorkspacePackage p, String organizationPublicId, Instant now) {
        List<Entitlement> own = tiers.liveEntitlementsOf(organizationPublicId).stream().filter(e -> isFrom(e.annotations(), p)).toList();
        if (p.status() == PackageStatus.CANCELLED) {
            if (!own.isEmpty()) {
                tiers.assignTier(organizationPublicId, settings.initialTier());
                reapplyAddons(p, organizationPublicId, now);
            }
            return;
        }
        if (own.isEmpty()) {
            if (p.status() == PackageStatus.ACTIVE) {
                // New, or its tier replaced since (by the operator): the package is what was paid for, so its plan's
                // current version comes back.
                tiers.provision(organizationPublicId, p.productKey(), Map.of(), Map.of(PACKAGE_ANNOTATION, p.id()), p.expiresAt());
                reapplyAddons(p, organizationPublicId, now);
            }
            return; // suspended with nothing of its own in force: nothing to withhold, and another tier stays
        }
        for (Entitlement e : own) {
            entitlements.save(e.activeUntil(activeTo(p, now), now));
        }
    }

    /** A new tier replaced every entitlement, add-ons' too: the add-ons in force go on top of it again. */
    private void reapplyAddons(WorkspacePackage plan, String organizationPublicId, Instant now) {
        for (WorkspacePackage addon : packages.ofOrganization(plan.organizationId())) {
            if (addon.kind() == PackageKind.ADDON && addon.status() == PackageStatus.ACTIVE) {
                applyAddon(addon, organizationPublicId, now);
            }
        }
    }

    private void applyAddon(WorkspacePackage p, String organizationPublicId, Instant now) {
        List<Entitlement> live = tiers.liveEntitlementsOf(organizationPublicId);
        for (Entitlement e : live) {
            if (isFrom(e.annotations(), p)) {
                entitlements.save(p.status() == PackageStatus.CANCELLED ? e.deleted(now) : e.activeUntil(activeTo(p, now), now));
            } else if (e.metered()) {
                endGrants(e, p, now); // re-made below while the package is active, with its current expiry
            }
        }
        if (p.status() != PackageStatus.ACTIVE) {
            return;
        }
        Optional<CatalogApi.AddonTerms> addon = catalog.activeAddon(TenancyApi.SYSTEM_NAMESPACE, p.productKey());
        for (TemplateTerms t : addon.map(CatalogApi.AddonTerms::templates).orElse(List.of())) {
            Optional<Entitlement> existing = live.stream().filter(e -> e.featureKey().equals(t.featureKey())).findFirst();
            if (existing.isEmpty()) {
                tiers.createFromTemplate(organizationPublicId, t, Map.of(PACKAGE_ANNOTATION, p.id()), p.expiresAt(), now);
            } else if (!isFrom(existing.get().annotations(), p) && existing.get().metered() && "metered".equals(t.type())
                    && t.issueAfterReset() != null && t.issueAfterReset().signum() > 0) {
                grants.save(Grant.provisioned(existing.get(), t.issueAfterReset(), t.issueAfterResetPriority(), p.expiresAt(),
                        Map.of(PACKAGE_ANNOTATION, p.id()), now));
            }
        }
    }

    private void endGrants(Entitlement e, WorkspacePackage p, Instant now) {
        entitlements.lock(e.id());
        for (Grant g : grants.ofEntitlement(e.id())) {
            if (isFrom(g.annotations(), p) && g.voidedAt() == null && g.deletedAt() == null) {
                grants.save(g.voided(now, now));
            }
        }
    }

    /** Ends the workspace's cycle-bound boosts that are in force: a renewal starts a new cycle without them. */
    void expireCycleBoundBoosts(String organizationPublicId, Instant now) {
        for (Entitlement e : tiers.liveEntitlementsOf(organizationPublicId)) {
            if (!e.metered()) {
                continue;
            }
            entitlements.lock(e.id());
            for (Grant g : grants.ofEntitlement(e.id())) {
                if (isBoost(g) && g.activeAt(now) && g.metadata() != null && "true".equals(g.metadata().get(CYCLE_BOUND))) {
                    grants.save(g.voided(now, now));
                }
            }
        }
    }

    /** A grant beyond the entitlement's own allowance and its packages' (boosts are granted by hand). */
    static boolean isBoost(Grant g) {
        return g.annotations() == null
                || !Boolean.TRUE.equals(g.annotations().get("issueAfterReset")) && g.annotations().get(PACKAGE_ANNOTATION) == null;
    }

    private static Instant activeTo(WorkspacePackage p, Instant now) {
        return p.status() == PackageStatus.SUSPENDED ? now : p.expiresAt();
    }

    private static boolean isFrom(Map<String, Object> annotations, WorkspacePackage p) {
        Object id = annotations == null ? null : annotations.get(PACKAGE_ANNOTATION);
        return id instanceof Number n && n.longValue() == p.id();
    }
}

package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.BoostChanged;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.TemplateTerms;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.platform.outbox.Outbox;
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
    private final Outbox outbox;

    PackageEntitlements(TierService tiers, EntitlementStore entitlements, GrantStore grants, PackageStore packages, CatalogApi catalog,
                        ProvisioningSettings settings, Outbox outbox) {
        this.tiers = tiers;
        this.entitlements = entitlements;
        this.grants = grants;
        this.packages = packages;
        this.catalog = catalog;
        this.settings = settings;
        this.outbox = outbox;
    }

    void apply(WorkspacePackage p, String organizationPublicId, Instant now) {
        if (p.kind() == PackageKind.ADDON) {
            applyAddon(p, organizationPublicId, now);
            if (!p.grantsAt(now)) {
                // What it made may have carried another add-on's grant: the others are laid on again.
                reapplyAddons(p.organizationId(), organizationPublicId, now);
            }
        } else {
            applyPlan(p, organizationPublicId, now);
        }
        outbox.publish(organizationPublicId, new LimitsChanged(organizationPublicId));
    }

    private void applyPlan(WorkspacePackage p, String organizationPublicId, Instant now) {
        List<Entitlement> own = tiers.liveEntitlementsOf(organizationPublicId).stream().filter(e -> isFrom(e.annotations(), p)).toList();
        if (p.status() == PackageStatus.CANCELLED) {
            if (!own.isEmpty()) {
                tiers.assignTier(organizationPublicId, settings.initialTier());
                reapplyAddons(p.organizationId(), organizationPublicId, now);
            }
            return;
        }
        if (own.isEmpty()) {
            if (p.status() == PackageStatus.ACTIVE) {
                // New, or its tier replaced since (by the operator): the package is what was paid for, so its plan's
                // current version comes back.
                tiers.provision(organizationPublicId, p.productKey(), Map.of(), Map.of(PACKAGE_ANNOTATION, p.id()), p.expiresAt());
                reapplyAddons(p.organizationId(), organizationPublicId, now);
            }
            return; // suspended with nothing of its own in force: nothing to withhold, and another tier stays
        }
        for (Entitlement e : own) {
            entitlements.save(e.activeUntil(activeTo(p, now), now));
        }
    }

    /** A new tier replaces every entitlement, add-ons' too: the add-ons in force go on top of it again. */
    void reapplyAddons(java.util.UUID organizationId, String organizationPublicId, Instant now) {
        for (WorkspacePackage addon : packages.ofOrganization(organizationId)) {
            if (addon.kind() == PackageKind.ADDON && addon.grantsAt(now)) {
                applyAddon(addon, organizationPublicId, now);
            }
        }
    }

    private void applyAddon(WorkspacePackage p, String organizationPublicId, Instant now) {
        List<Entitlement> live = tiers.liveEntitlementsOf(organizationPublicId);
        for (Entitlement e : live) {
            if (isFrom(e.annotations(), p)) {
                entitlements.save(p.status() == PackageStatus.CANCELLED ? e.deleted(now) : e.activeUntil(activeTo(p, now), now));
            }
        }
        List<TemplateTerms> templates = p.status() == PackageStatus.CANCELLED ? List.of()
                : catalog.activeAddon(TenancyApi.SYSTEM_NAMESPACE, p.productKey()).map(CatalogApi.AddonTerms::templates).orElse(List.of());
        for (Entitlement e : live) {
            if (e.metered() && !isFrom(e.annotations(), p)) {
                followOnGrant(p, e, templates.stream().filter(t -> t.featureKey().equals(e.featureKey())).findFirst(), now);
            }
        }
        if (p.status() == PackageStatus.ACTIVE) {
            for (TemplateTerms t : templates) {
                if (live.stream().noneMatch(e -> e.featureKey().equals(t.featureKey()))) {
                    tiers.createFromTemplate(organizationPublicId, t, Map.of(PACKAGE_ANNOTATION, p.id()), p.expiresAt(), now);
                }
            }
        }
    }

    /**
     * The add-on's one grant on an entitlement it did not make: issued once, then moved with the package (its expiry
     * follows renewals; suspending or cancelling voids it, unsuspending lifts the void), so the allowance of a period
     * is never handed out twice.
     */
    private void followOnGrant(WorkspacePackage p, Entitlement e, Optional<TemplateTerms> template, Instant now) {
        boolean grants = p.status() == PackageStatus.ACTIVE && e.activeAt(now) && template.isPresent() && "metered".equals(template.get().type())
                && template.get().issueAfterReset() != null && template.get().issueAfterReset().signum() > 0;
        entitlements.lock(e.id());
        Optional<Grant> own = this.grants.ofEntitlement(e.id()).stream().filter(g -> isFrom(g.annotations(), p) && g.deletedAt() == null).findFirst();
        if (grants && own.isEmpty()) {
            this.grants.save(Grant.provisioned(e, template.get().issueAfterReset(), template.get().issueAfterResetPriority(), p.expiresAt(),
                    Map.of(PACKAGE_ANNOTATION, p.id()), now));
        } else if (grants && (own.get().voidedAt() != null || !java.util.Objects.equals(own.get().expiresAt(), p.expiresAt()))) {
            this.grants.save(own.get().resumedUntil(p.expiresAt(), now));
        } else if (!grants && own.isPresent() && own.get().voidedAt() == null) {
            this.grants.save(own.get().voided(now, now));
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
                    outbox.publish(organizationPublicId, new BoostChanged(organizationPublicId, e.featureKey(), g.amount().longValue(), "grant",
                            now, false, now));
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

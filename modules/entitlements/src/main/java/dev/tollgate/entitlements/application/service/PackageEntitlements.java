package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Keeps a workspace's tier entitlements in line with its provisioned package (ADR 0014). The package's tier plan
 * becomes the workspace's entitlements, annotated with the package id and in force until the package expires;
 * suspending ends them now (they and their boosts stay, for unsuspending); cancelling puts the workspace back on the
 * initial tier. Runs in the caller's transaction.
 */
@Singleton
class PackageEntitlements {
    static final String PACKAGE_ANNOTATION = "tollgate.package";
    /** A boost (a grant beyond the tier's own) with this metadata ends when the package renews. */
    static final String CYCLE_BOUND = "cycle_bound";
    private final TierService tiers;
    private final EntitlementStore entitlements;
    private final GrantStore grants;
    private final ProvisioningSettings settings;
    private final ApplicationEventPublisher<LimitsChanged> changes;

    PackageEntitlements(TierService tiers, EntitlementStore entitlements, GrantStore grants, ProvisioningSettings settings,
                        ApplicationEventPublisher<LimitsChanged> changes) {
        this.tiers = tiers;
        this.entitlements = entitlements;
        this.grants = grants;
        this.settings = settings;
        this.changes = changes;
    }

    void apply(WorkspacePackage p, String organizationPublicId, Instant now) {
        List<Entitlement> own = tiers.liveEntitlementsOf(organizationPublicId).stream().filter(e -> isFrom(e, p)).toList();
        if (p.status() == PackageStatus.CANCELLED) {
            if (!own.isEmpty()) {
                tiers.assignTier(organizationPublicId, settings.initialTier());
            }
            return;
        }
        if (own.isEmpty()) {
            if (p.status() == PackageStatus.ACTIVE) {
                // New, or its tier replaced since (by the operator): the package is what was paid for, so its plan's
                // current version comes back.
                tiers.provision(organizationPublicId, p.productKey(), Map.of(), Map.of(PACKAGE_ANNOTATION, p.id()), p.expiresAt());
            }
            return; // suspended with nothing of its own in force: nothing to withhold, and another tier stays
        }
        for (Entitlement e : own) {
            entitlements.save(e.activeUntil(activeTo(p, now), now));
        }
        changes.publishEvent(new LimitsChanged(organizationPublicId));
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

    /** A grant beyond the entitlement's own allowance (which {@code issueAfterReset} grants). */
    static boolean isBoost(Grant g) {
        return g.annotations() == null || !Boolean.TRUE.equals(g.annotations().get("issueAfterReset"));
    }

    private static Instant activeTo(WorkspacePackage p, Instant now) {
        return p.status() == PackageStatus.SUSPENDED ? now : p.expiresAt();
    }

    private static boolean isFrom(Entitlement e, WorkspacePackage p) {
        Object id = e.annotations() == null ? null : e.annotations().get(PACKAGE_ANNOTATION);
        return id instanceof Number n && n.longValue() == p.id();
    }
}

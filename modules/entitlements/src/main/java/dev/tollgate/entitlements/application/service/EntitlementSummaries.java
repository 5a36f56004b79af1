package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.domain.PartnerCodes;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.entitlements.application.port.in.SummarizeEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.application.port.out.PackageStore;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.entitlements.domain.WorkspacePackage;
import dev.tollgate.tenancy.api.AccountsApi;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * php-tenant's entitlement summary of a workspace: its packages in force, every feature it is entitled to grouped by
 * category (the feature's {@code category} metadata; {@code general} without one), and its boosts in force.
 */
@Singleton
class EntitlementSummaries implements SummarizeEntitlementsUseCase {
    static final String UNCATEGORIZED = "general";
    private final AccountsApi accounts;
    private final PackageStore packages;
    private final WorkspaceAllowances allowances;
    private final TierService tiers;
    private final GrantStore grants;
    private final CatalogApi catalog;
    private final Clock clock;
    private final TenancyApi tenancy;

    EntitlementSummaries(AccountsApi accounts, PackageStore packages, WorkspaceAllowances allowances, TierService tiers, GrantStore grants,
                         CatalogApi catalog, Clock clock, TenancyApi tenancy) {
        this.tenancy = tenancy;
        this.accounts = accounts;
        this.packages = packages;
        this.allowances = allowances;
        this.tiers = tiers;
        this.grants = grants;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Summary summary(Caller caller, Long workspaceNumber) {
        if (!caller.isUser()) {
            // A key or token reads its own organization's summary only with the scope for it.
            tenancy.requireOrganizationAccess(caller, caller.organizationId(), TenancyApi.Capability.READ_ENTITLEMENTS);
        }
        Workspace workspace = workspaceNumber == null ? accounts.currentWorkspace(caller) : accounts.requireWorkspace(caller, workspaceNumber);
        Instant now = clock.instant();
        List<PackageLine> inForce = new ArrayList<>();
        for (WorkspacePackage p : packages.ofOrganization(workspace.id())) {
            if (p.statusAt(now) == PackageStatus.ACTIVE) {
                inForce.add(new PackageLine(p.productCode(), p.productName(), PackageStatus.ACTIVE, p.expiresAt()));
            }
        }
        CustomerResolver.Customer customer = allowances.customerOf(workspace);
        Map<String, List<FeatureLine>> features = new TreeMap<>();
        List<Boost> boosts = new ArrayList<>();
        for (Entitlement e : tiers.liveEntitlementsOf(workspace.publicId())) {
            if (!e.activeAt(now)) {
                continue;
            }
            var feature = catalog.findFeature(TenancyApi.SYSTEM_NAMESPACE, e.featureKey());
            String name = feature.map(CatalogApi.FeatureInfo::name).orElse(e.featureKey());
            // Partners know a feature by its partner code (social.accounts), whose prefix is its category (ADR 0016).
            String code = feature.map(f -> PartnerCodes.codeOf(e.featureKey(), f.metadata())).orElse(e.featureKey());
            String category = feature.map(f -> f.metadata().get("category")).orElse(null);
            category = category != null ? category : PartnerCodes.categoryOf(code);
            features.computeIfAbsent(category == null ? UNCATEGORIZED : category, c -> new ArrayList<>())
                    .add(new FeatureLine(code, name, allowances.of(workspace, customer, e, now)));
            if (e.metered()) {
                for (Grant g : grants.ofEntitlement(e.id())) {
                    if (PackageEntitlements.isBoost(g) && g.activeAt(now)) {
                        boosts.add(new Boost(code, g.amount().longValue(), g.endsAt()));
                    }
                }
            }
        }
        features.values().forEach(lines -> lines.sort(java.util.Comparator.comparing(FeatureLine::code)));
        return new Summary(workspace, inForce, features, boosts);
    }
}

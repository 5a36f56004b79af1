package dev.tollgate.entitlements.application.port.in;

import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.PackageStatus;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** php-tenant's entitlement summaries: a workspace's packages, its features' usage by category, and its boosts. */
public interface SummarizeEntitlementsUseCase {
    /** The signed-in user's current workspace ({@code workspaceNumber} null) or one they can read. */
    Summary summary(Caller caller, Long workspaceNumber);

    record Summary(Workspace workspace, List<PackageLine> packages, Map<String, List<FeatureLine>> features, List<Boost> boosts) {
    }

    record PackageLine(String code, String name, PackageStatus status, Instant expiresAt) {
    }

    record FeatureLine(String code, String name, FeatureAllowance allowance) {
    }

    /** A grant beyond a tier's own allowance; cycle-bound ones end when the package renews. */
    record Boost(String feature, long value, Instant expiresAt) {
    }
}

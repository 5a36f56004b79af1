package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.entitlements.domain.RememberedAllowance;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutorService;

/**
 * Feature allowances for checks, answered from memory ({@link AllowanceCache}) and loaded from the database on a miss.
 * An entry is forgotten when the workspace's entitlements change ({@code LimitsChanged}) or when a recording of its
 * usage commits on this node. Otherwise it is answered for as long as {@link RememberedAllowance} allows (at most 1 s
 * for metered usage, 30 s for the rest, never past the end of its usage period or its entitlement); from half that age
 * it is reloaded in the background while it is still answered. A feature the workspace has no entitlement to, and a
 * limit whose use other modules count (max_projects, included_seats), are not remembered.
 */
@Singleton
class CachedAllowances {
    private final AllowanceCache<Workspace> cache;

    CachedAllowances(WorkspaceAllowances allowances, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService reloads) {
        this.cache = new AllowanceCache<>((workspace, featureKey, now) -> load(allowances, workspace, featureKey, now), clock, reloads);
    }

    FeatureAllowance of(Workspace workspace, String featureKey) {
        return cache.get(workspace.publicId(), workspace, featureKey);
    }

    private static RememberedAllowance load(WorkspaceAllowances allowances, Workspace workspace, String featureKey, Instant now) {
        WorkspaceAllowances.Loaded loaded = allowances.load(workspace, featureKey, now);
        // Only what the workspace is entitled to is remembered: checks of unknown names cannot fill the memory.
        // A static limit whose use is counted elsewhere (projects, seats) changes without an event: asked each time.
        return loaded.entitlement() == null || loaded.counted()
                ? RememberedAllowance.once(loaded.allowance(), now)
                : RememberedAllowance.of(loaded.allowance(), loaded.entitlement(), loaded.periodEnd(), now);
    }

    void forget(String organizationPublicId) {
        cache.forget(organizationPublicId);
    }

    void forget(String organizationPublicId, String featureKey) {
        cache.forget(organizationPublicId, featureKey);
    }
}

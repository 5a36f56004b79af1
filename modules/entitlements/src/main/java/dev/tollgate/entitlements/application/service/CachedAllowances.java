package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.domain.AllowanceIndex;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementType;
import dev.tollgate.entitlements.domain.FeatureAllowance;
import dev.tollgate.tenancy.api.AccountsApi.Workspace;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Feature allowances for checks, answered from memory ({@link AllowanceIndex}) and loaded from the database on a miss.
 * An entry is forgotten when the workspace's entitlements change ({@code LimitsChanged}) or when a recording of its
 * usage commits on this node. Otherwise it is answered for at most {@link #METERED_FRESHNESS} (usage metered from other
 * sources, e.g. the proxy or event ingestion) or {@link #CONFIGURED_FRESHNESS} (a change made on another node), never
 * past the end of its usage period or its entitlement; from half that age the first caller reloads it while the
 * others are still answered. Concurrent misses of one entry share one load.
 */
@Singleton
class CachedAllowances {
    static final Duration METERED_FRESHNESS = Duration.ofSeconds(1);
    static final Duration CONFIGURED_FRESHNESS = Duration.ofSeconds(30);
    private final AllowanceIndex index = new AllowanceIndex();
    private final Map<String, CompletableFuture<FeatureAllowance>> loading = new ConcurrentHashMap<>();
    private final WorkspaceAllowances allowances;
    private final Clock clock;

    CachedAllowances(WorkspaceAllowances allowances, Clock clock) {
        this.allowances = allowances;
        this.clock = clock;
    }

    FeatureAllowance of(Workspace workspace, String featureKey) {
        long now = clock.millis();
        AllowanceIndex.Entry known = index.find(workspace.publicId(), featureKey, now);
        if (known == null) {
            return loadOnce(workspace, featureKey);
        }
        if (known.staleAt(now) && !loading.containsKey(key(workspace, featureKey))) {
            return loadOnce(workspace, featureKey); // this caller reloads; the others are answered meanwhile
        }
        return known.allowance();
    }

    private FeatureAllowance loadOnce(Workspace workspace, String featureKey) {
        String key = key(workspace, featureKey);
        CompletableFuture<FeatureAllowance> mine = new CompletableFuture<>();
        CompletableFuture<FeatureAllowance> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            FeatureAllowance loaded = load(workspace, featureKey);
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private FeatureAllowance load(Workspace workspace, String featureKey) {
        AllowanceIndex.Slot slot = index.slot(workspace.publicId());
        Instant now = clock.instant();
        WorkspaceAllowances.Loaded loaded = allowances.load(workspace, featureKey, now);
        Instant validUntil = validUntil(loaded, now);
        Instant refreshAfter = now.plus(Duration.between(now, validUntil).dividedBy(2));
        slot.put(featureKey, loaded.allowance(), refreshAfter.toEpochMilli(), validUntil.toEpochMilli());
        return loaded.allowance();
    }

    private static String key(Workspace workspace, String featureKey) {
        return workspace.publicId() + "/" + featureKey;
    }

    private static Instant validUntil(WorkspaceAllowances.Loaded loaded, Instant now) {
        Entitlement e = loaded.entitlement();
        Instant until = now.plus(e != null && e.type() == EntitlementType.METERED ? METERED_FRESHNESS : CONFIGURED_FRESHNESS);
        if (e == null) {
            return until;
        }
        if (e.activeTo() != null && e.activeTo().isAfter(now) && e.activeTo().isBefore(until)) {
            until = e.activeTo();
        }
        if (e.activeFrom().isAfter(now) && e.activeFrom().isBefore(until)) {
            until = e.activeFrom();
        }
        Instant periodEnd = loaded.periodEnd();
        return periodEnd != null && periodEnd.isAfter(now) && periodEnd.isBefore(until) ? periodEnd : until;
    }

    void forget(String organizationPublicId) {
        index.forget(organizationPublicId);
    }

    void forget(String organizationPublicId, String featureKey) {
        index.forget(organizationPublicId, featureKey);
    }
}

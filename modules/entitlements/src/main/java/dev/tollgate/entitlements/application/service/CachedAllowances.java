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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Feature allowances for checks, answered from memory ({@link AllowanceIndex}) and loaded from the database on a miss.
 * An entry is forgotten when the workspace's entitlements change ({@code LimitsChanged}) or when a recording of its
 * usage commits on this node. Otherwise it is answered for at most {@link #METERED_FRESHNESS} (usage metered from other
 * sources, e.g. the proxy or event ingestion) or {@link #CONFIGURED_FRESHNESS} (a change made on another node), never
 * past the end of its usage period or its entitlement; from half that age the first caller reloads it while the
 * others are still answered. Concurrent misses of one entry share one load. A feature the workspace has no entitlement
 * to, and a limit whose use other modules count (max_projects, included_seats), are not remembered.
 */
@Singleton
class CachedAllowances {
    static final Duration METERED_FRESHNESS = Duration.ofSeconds(1);
    static final Duration CONFIGURED_FRESHNESS = Duration.ofSeconds(30);
    private final AllowanceIndex index = new AllowanceIndex();
    private final WorkspaceAllowances allowances;
    private final Clock clock;

    CachedAllowances(WorkspaceAllowances allowances, Clock clock) {
        this.allowances = allowances;
        this.clock = clock;
    }

    FeatureAllowance of(Workspace workspace, String featureKey) {
        long now = clock.millis();
        AllowanceIndex.Entry known = index.find(workspace.publicId(), featureKey, now);
        if (known != null && !known.staleAt(now)) {
            return known.allowance();
        }
        return load(workspace, featureKey, known);
    }

    /**
     * One load per slot and feature at a time: the first caller loads, the others wait for its answer, or, when a
     * stale answer is still valid ({@code known}), take that. A failed reload of a valid answer keeps answering it.
     */
    private FeatureAllowance load(Workspace workspace, String featureKey, AllowanceIndex.Entry known) {
        AllowanceIndex.Slot slot = index.slot(workspace.publicId());
        CompletableFuture<FeatureAllowance> mine = new CompletableFuture<>();
        CompletableFuture<FeatureAllowance> running = slot.loadUnderWay(featureKey, mine);
        if (running != mine) {
            if (known != null) {
                return known.allowance();
            }
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            long version = slot.version();
            Instant now = clock.instant();
            WorkspaceAllowances.Loaded loaded = allowances.load(workspace, featureKey, now);
            if (loaded.entitlement() != null && !loaded.counted()) {
                // Only what the workspace is entitled to is remembered: checks of unknown names cannot fill the memory.
                // A static limit whose use is counted elsewhere (projects, seats) changes without an event: asked each time.
                Instant validUntil = validUntil(loaded, now);
                Instant refreshAfter = now.plus(Duration.between(now, validUntil).dividedBy(2));
                slot.putIfCurrent(featureKey, loaded.allowance(), refreshAfter.toEpochMilli(), validUntil.toEpochMilli(), version);
            }
            mine.complete(loaded.allowance());
            return loaded.allowance();
        } catch (Throwable t) {
            mine.completeExceptionally(t);
            if (known != null && t instanceof RuntimeException) {
                return known.allowance();
            }
            throw t;
        } finally {
            slot.loadDone(featureKey, mine);
        }
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

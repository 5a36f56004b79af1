package dev.tollgate.webhooks.adapters.in.events;

import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.proxy.api.events.BranchReady;
import dev.tollgate.webhooks.application.port.in.RaiseDatabaseEventsUseCase;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The proxy's managed-database events reach PlanetScale's database webhooks through the outbox (ADR 0056): one node
 * queues their deliveries, in the transaction that records the event as handled, so each is queued once.
 */
@Singleton
final class DatabaseEventsToWebhooks implements OutboxConsumer<BranchReady> {
    static final String BRANCH_READY = "branch.ready";
    private final RaiseDatabaseEventsUseCase raise;

    DatabaseEventsToWebhooks(RaiseDatabaseEventsUseCase raise) {
        this.raise = raise;
    }

    @Override
    public String name() {
        return "webhooks-planetscale-branches";
    }

    @Override
    public Class<BranchReady> eventType() {
        return BranchReady.class;
    }

    @Override
    public Scope scope() {
        return Scope.CLUSTER;
    }

    @Override
    public void deliver(UUID eventId, BranchReady e) {
        raise.raise(eventId, e.organizationId(), e.projectId(), e.database(), BRANCH_READY, e.occurredAt(), branch(e));
    }

    /** The branch as PlanetScale's Branch schema shows it. */
    private static Map<String, Object> branch(BranchReady e) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("slug", e.region());
        region.put("display_name", e.regionName());
        Map<String, Object> branch = new LinkedHashMap<>();
        branch.put("id", e.branchId());
        branch.put("name", e.branch());
        branch.put("production", e.production());
        branch.put("ready", true);
        branch.put("shard_count", 1);
        branch.put("sharded", false);
        branch.put("cluster_rate_name", e.clusterSize());
        branch.put("region", region);
        if (e.parentBranch() != null) {
            branch.put("parent_branch", e.parentBranch());
        }
        branch.put("schema_last_updated_at", e.createdAt().toString());
        branch.put("created_at", e.createdAt().toString());
        branch.put("updated_at", e.occurredAt().toString());
        return branch;
    }
}

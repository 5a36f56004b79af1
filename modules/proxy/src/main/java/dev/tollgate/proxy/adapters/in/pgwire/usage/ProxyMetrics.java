package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.platform.domain.TypeId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane's Prometheus metrics: client connections, logins and refusals per project; per database pool the
 * server connections (open, idle), waiting clients and their wait, transactions, queries and bytes each way.
 */
@Singleton
public final class ProxyMetrics {
    /** How many client connections a project has open on this node (what the per-project gauge reads). */
    public interface ClientCount {
        int count(UUID projectId);
    }

    /** The upstream connections of the pool currently serving a database (what the per-database gauges read). */
    public interface ServerCount {
        int open(UUID databaseId);

        int idle(UUID databaseId);
    }

    private final MeterRegistry registry;
    private final ClientCount live;
    private final Map<UUID, Boolean> gaugesRegistered = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    /** The metrics snapshot figures of each project this node has served (ADR 0053). */
    private final Map<UUID, SnapshotCounters> snapshots = new ConcurrentHashMap<>();
    /**
     * The query shapes of each project this node has served (ADR 0057); a tier without a bound is held to
     * {@link #SHAPE_CEILING} shapes per project on a node.
     */
    private final Map<UUID, ShapeBook> shapes = new ConcurrentHashMap<>();
    static final int SHAPE_CEILING = 10_000;
    private final QueryShapeCache shapeCache = new QueryShapeCache(10_000);

    /** False: no statement is normalized or booked to a shape (the cost of insights, measured in docs/perf/proxy.md). */
    private final boolean insights;

    public ProxyMetrics(MeterRegistry registry, ClientCount live) {
        this(registry, live, true);
    }

    @Inject
    public ProxyMetrics(MeterRegistry registry, ClientCount live, @Value("${tollgate.proxy.insights.enabled:true}") boolean insights) {
        this.registry = registry;
        this.live = live;
        this.insights = insights;
    }

    /** Registers the per-project gauges the first time a project is seen. */
    public void projectSeen(UUID projectId) {
        gaugesRegistered.computeIfAbsent(projectId, id -> {
            Gauge.builder("tollgate.proxy.client.connections", live, l -> l.count(id))
                    .tag("project", TypeId.format("prj", id)).description("Client connections open on this node").register(registry);
            return true;
        });
    }

    /** The meters of one database's pool; the gauges read the pool currently serving the database from {@code pools}. */
    public PoolStats poolStats(ServerCount pools, UUID organizationId, UUID projectId, UUID databaseId) {
        String project = TypeId.format("prj", projectId);
        String database = TypeId.format("db", databaseId);
        Gauge.builder("tollgate.proxy.server.connections", pools, p -> p.open(databaseId)).tags("project", project, "database", database)
                .description("Upstream connections open (busy, idle or logging in)").register(registry);
        Gauge.builder("tollgate.proxy.server.idle", pools, p -> p.idle(databaseId)).tags("project", project, "database", database)
                .description("Upstream connections idle in the pool").register(registry);
        PoolStats stats = new PoolStats(
                Timer.builder("tollgate.proxy.client.wait").tags("project", project, "database", database)
                        .description("How long clients waited for a server connection").register(registry),
                Timer.builder("tollgate.proxy.server.login").tags("project", project, "database", database)
                        .description("Connecting and logging in to the upstream").register(registry),
                Counter.builder("tollgate.proxy.server.closed").tags("project", project, "database", database).register(registry),
                Counter.builder("tollgate.proxy.transactions").tags("project", project, "database", database)
                        .description("Transactions (ReadyForQuery back to idle) relayed").register(registry),
                Counter.builder("tollgate.proxy.queries").tags("project", project, "database", database)
                        .description("Simple queries and extended-protocol executions relayed").register(registry),
                Counter.builder("tollgate.proxy.bytes").tags("project", project, "database", database, "direction", "to_client").register(registry),
                Counter.builder("tollgate.proxy.bytes").tags("project", project, "database", database, "direction", "to_server").register(registry),
                new UsageCounters(organizationId, projectId, databaseId),
                snapshots.computeIfAbsent(projectId, SnapshotCounters::new),
                insights ? shapes.computeIfAbsent(projectId, id -> new ShapeBook(id, shapeCache, SHAPE_CEILING)) : null);
        Gauge.builder("tollgate.proxy.client.waiting", stats.waiting, AtomicInteger::get).tags("project", project, "database", database)
                .description("Clients waiting for a server connection").register(registry);
        return stats;
    }

    /** The snapshot figures of every project this node has served. */
    java.util.Collection<SnapshotCounters> snapshotCounters() {
        return snapshots.values();
    }

    /** The query shapes of every project this node has served. */
    java.util.Collection<ShapeBook> shapeBooks() {
        return shapes.values();
    }

    /** The client connections a project has open on this node now. */
    int activeConnections(UUID projectId) {
        return live.count(projectId);
    }

    public void login(UUID projectId, Duration took) {
        Timer.builder("tollgate.proxy.login").tag("project", TypeId.format("prj", projectId))
                .description("From the startup packet to ReadyForQuery").register(registry).record(took);
    }

    public void refused(String sqlState) {
        counter("tollgate.proxy.connections.refused", "sqlstate", sqlState).increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags), k -> Counter.builder(name).tags(tags).register(registry));
    }
}

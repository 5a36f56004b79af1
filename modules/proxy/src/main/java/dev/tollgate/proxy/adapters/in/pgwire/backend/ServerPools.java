package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.adapters.in.pgwire.usage.PoolStats;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyMetrics;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.proxy.adapters.in.pgwire.usage.UsageCounters;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.TemplateCopy;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.context.annotation.Value;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import dev.tollgate.platform.domain.Sha256;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One {@link ServerPool} per pool key: a registered database, or a managed database's credential (each a role of its
 * own, ADR 0056). A client's route carries the database's current registration: when
 * the address, credentials or timeout changed, the old pool is retired (its connections close as they come back) and a
 * new one serves from then on; pool size and mode changes apply in place.
 */
@Singleton
public final class ServerPools implements ProxyMetrics.ServerCount, ProxyUsageReporter.UsageSource {
    private final ProxyMetrics metrics;
    private final Duration waitTimeout;
    private final Duration idleTimeout;
    private final Duration lifetime;
    private final Map<UUID, ServerPool> byDatabase = new ConcurrentHashMap<>();
    private final Map<UUID, PoolStats> stats = new ConcurrentHashMap<>();
    /** Databases being copied as templates ("cluster/database"), with how many copies of each are under way. */
    private final Map<String, Integer> copying = new java.util.HashMap<>();
    private EventLoopGroup loops;
    private ScheduledFuture<?> maintenance;

    private final UpstreamLogins logins;

    ServerPools(ProxyMetrics metrics,
                @Value("${tollgate.proxy.pool-timeout:30s}") Duration waitTimeout,
                @Value("${tollgate.proxy.server-idle-timeout:10m}") Duration idleTimeout,
                @Value("${tollgate.proxy.server-lifetime:1h}") Duration lifetime,
                UpstreamLogins logins) {
        this.logins = logins;
        this.metrics = metrics;
        this.waitTimeout = waitTimeout;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
    }

    /** Called by the server once its event loops exist; pools open their connections on them. */
    public synchronized void start(EventLoopGroup workers) {
        this.loops = workers;
        maintenance = workers.next().scheduleAtFixedRate(
                () -> byDatabase.values().forEach(pool -> pool.maintain(idleTimeout)), 1, 1, TimeUnit.SECONDS);
    }

    public synchronized void stop() {
        if (maintenance != null) {
            maintenance.cancel(false);
        }
        byDatabase.values().forEach(ServerPool::retire);
        byDatabase.clear();
    }

    public ServerPool pool(ProxyRoute route) {
        String fingerprint = fingerprint(route);
        ServerPool[] retired = {null};
        boolean[] created = {false};
        ServerPool pool = byDatabase.compute(route.poolKey(), (id, existing) -> {
            if (existing != null && existing.fingerprint.equals(fingerprint)) {
                existing.update(route);
                return existing;
            }
            retired[0] = existing;
            created[0] = true;
            PoolStats poolStats = stats.computeIfAbsent(id, k -> metrics.poolStats(this, route.organizationId(), route.projectId(), id));
            return new ServerPool(route, fingerprint, loops, waitTimeout, lifetime, poolStats, logins);
        });
        if (retired[0] != null) {
            retired[0].retire();
        }
        if (created[0]) {
            synchronized (copying) {
                if (copying.containsKey(copyKey(route))) {
                    pool.pause(); // opened while its database is being copied: it waits for the copy too
                }
            }
        }
        return pool;
    }

    /** The usage counters of every database this node has served. */
    @Override
    public java.util.List<UsageCounters> usage() {
        return stats.values().stream().map(PoolStats::usage).toList();
    }

    @Override
    public int open(UUID databaseId) {
        ServerPool pool = byDatabase.get(databaseId);
        return pool == null ? 0 : pool.open();
    }

    @Override
    public int idle(UUID databaseId) {
        ServerPool pool = byDatabase.get(databaseId);
        return pool == null ? 0 : pool.idle();
    }

    /**
     * A managed database is being copied as a template (ADR 0056): its pools pause (idle connections close, clients
     * wait) until the copy is over, pools opened meanwhile included.
     */
    @EventListener
    void onTemplateCopy(TemplateCopy copy) {
        String key = copy.dataCluster() + "/" + copy.database();
        synchronized (copying) {
            if (copy.starting()) {
                copying.merge(key, 1, Integer::sum);
            } else {
                copying.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
            }
        }
        byDatabase.values().stream().filter(pool -> key.equals(copyKey(pool.route())))
                .forEach(pool -> {
                    if (copy.starting()) {
                        pool.pause();
                    } else {
                        pool.resume();
                    }
                });
    }

    private static String copyKey(ProxyRoute route) {
        return route.dataCluster() == null ? null : route.dataCluster() + "/" + route.database();
    }

    /** What, if it changes, makes existing upstream connections unusable for new clients. */
    private static String fingerprint(ProxyRoute route) {
        return route.host() + ":" + route.port() + "/" + route.database() + "|" + route.username() + "|"
                + Sha256.hex(route.password()) + "|" + route.sslMode() + "|" + route.queryTimeoutMs();
    }
}

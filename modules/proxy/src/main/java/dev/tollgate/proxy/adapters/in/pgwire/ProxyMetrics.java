package dev.tollgate.proxy.adapters.in.pgwire;

import dev.tollgate.platform.domain.TypeId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane's Prometheus metrics, per project: open client and server connections, bytes each way, logins and
 * their duration, and refusals by SQLSTATE.
 */
@Singleton
final class ProxyMetrics {
    private final MeterRegistry registry;
    private final LiveConnections live;
    private final Map<UUID, AtomicInteger> serverConnections = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> gaugesRegistered = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    ProxyMetrics(MeterRegistry registry, LiveConnections live) {
        this.registry = registry;
        this.live = live;
    }

    /** Registers the per-project gauges the first time a project is seen. */
    void projectSeen(UUID projectId) {
        gaugesRegistered.computeIfAbsent(projectId, id -> {
            String project = TypeId.format("prj", id);
            Gauge.builder("tollgate.proxy.client.connections", live, l -> l.count(id))
                    .tag("project", project).description("Client connections open on this node").register(registry);
            AtomicInteger servers = serverConnections.computeIfAbsent(id, k -> new AtomicInteger());
            Gauge.builder("tollgate.proxy.server.connections", servers, AtomicInteger::get)
                    .tag("project", project).description("Upstream connections open on this node").register(registry);
            return true;
        });
    }

    void serverOpened(UUID projectId) {
        serverConnections.computeIfAbsent(projectId, k -> new AtomicInteger()).incrementAndGet();
    }

    void serverClosed(UUID projectId) {
        serverConnections.computeIfAbsent(projectId, k -> new AtomicInteger()).decrementAndGet();
    }

    void bytes(UUID projectId, String direction, long amount) {
        counter("tollgate.proxy.bytes", "project", TypeId.format("prj", projectId), "direction", direction).increment(amount);
    }

    void login(UUID projectId, Duration took) {
        Timer.builder("tollgate.proxy.login").tag("project", TypeId.format("prj", projectId))
                .description("From the startup packet to ReadyForQuery").register(registry).record(took);
    }

    void refused(String sqlState) {
        counter("tollgate.proxy.connections.refused", "sqlstate", sqlState).increment();
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join(",", tags), k -> Counter.builder(name).tags(tags).register(registry));
    }
}

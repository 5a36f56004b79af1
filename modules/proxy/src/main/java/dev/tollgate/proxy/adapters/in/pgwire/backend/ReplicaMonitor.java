package dev.tollgate.proxy.adapters.in.pgwire.backend;

import dev.tollgate.proxy.application.port.in.CheckReplicaUseCase;
import dev.tollgate.proxy.application.port.in.CheckReplicaUseCase.ReplicaHealth;
import dev.tollgate.proxy.application.port.in.ResolveProxyRouteUseCase.ProxyRoute;
import dev.tollgate.proxy.domain.Replica;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which read replicas may be given reads now (ADR 0058): every {@code tollgate.proxy.replica-check-interval} (1 s) each
 * replica a client wanted in the last ten minutes is checked off the event loops (reachable, no further behind its
 * primary than {@code tollgate.proxy.replica-max-lag}); a replica not checked yet, down or lagging gets no reads, which
 * then go to the primary. Among usable replicas, reads take turns.
 */
@Singleton
public final class ReplicaMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaMonitor.class);
    private static final long FORGET_AFTER_NANOS = Duration.ofMinutes(10).toNanos();

    private final CheckReplicaUseCase checks;
    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(daemon("pgwire-replica-schedule"));
    /** A check may wait for a silent host up to its timeout: a few run at once, one per replica at most. */
    private final ExecutorService checking = Executors.newFixedThreadPool(4, daemon("pgwire-replica-check"));

    private static final class Watched {
        volatile ProxyRoute route;
        volatile Replica replica;
        volatile ReplicaHealth health;
        volatile long wantedNanos;
        final AtomicBoolean checking = new AtomicBoolean();
    }

    ReplicaMonitor(CheckReplicaUseCase checks, @Value("${tollgate.proxy.replica-check-interval:1s}") Duration interval) {
        this.checks = checks;
        schedule.scheduleWithFixedDelay(this::checkAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A usable replica of the route's database, or null (none registered, none checked yet, none healthy). */
    public Replica pick(ProxyRoute route) {
        List<Replica> replicas = route.replicas();
        if (replicas.isEmpty()) {
            return null;
        }
        int start = Math.floorMod(turn.getAndIncrement(), replicas.size());
        Replica chosen = null;
        long now = System.nanoTime();
        for (int i = 0; i < replicas.size(); i++) {
            Replica replica = replicas.get((start + i) % replicas.size());
            Watched w = watched.computeIfAbsent(replica.id(), id -> {
                Watched fresh = new Watched();
                fresh.route = route;
                fresh.replica = replica;
                checking.execute(() -> check(fresh)); // the first check starts at once, not at the next tick
                return fresh;
            });
            w.route = route;
            w.replica = replica;
            w.wantedNanos = now;
            if (chosen == null && w.health != null && w.health.usable()) {
                chosen = replica;
            }
        }
        return chosen;
    }

    private void checkAll() {
        long now = System.nanoTime();
        watched.entrySet().removeIf(e -> now - e.getValue().wantedNanos > FORGET_AFTER_NANOS);
        watched.values().forEach(w -> checking.execute(() -> check(w)));
    }

    private void check(Watched w) {
        if (w.route == null || !w.checking.compareAndSet(false, true)) {
            return; // not described yet, or a check of it is still running
        }
        try {
            ReplicaHealth before = w.health;
            ReplicaHealth now = checks.check(w.route, w.replica);
            w.health = now;
            if (before == null || before.usable() != now.usable()) {
                LOG.info("Replica {} of database {} is {}{}", w.replica.publicId(), w.route.databaseId(), now.usable() ? "usable" : "not usable",
                        now.reason() == null ? "" : ": " + now.reason());
            }
        } catch (RuntimeException e) {
            w.health = new ReplicaHealth(false, null, "the check failed");
            LOG.warn("Could not check replica {}", w.replica.publicId(), e);
        } finally {
            w.checking.set(false);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @PreDestroy
    void close() {
        schedule.shutdownNow();
        checking.shutdownNow();
    }
}

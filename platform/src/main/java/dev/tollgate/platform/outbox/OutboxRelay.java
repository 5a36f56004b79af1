package dev.tollgate.platform.outbox;

import dev.tollgate.platform.outbox.OutboxConsumer.Scope;
import dev.tollgate.platform.outbox.OutboxTable.Backlog;
import dev.tollgate.platform.outbox.OutboxTable.StoredEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's worker that hands outbox events to their consumers (ADR 0028). It runs right after a transaction that
 * published commits (so this node's caches see the change before the request answers) and every
 * {@code tollgate.outbox.poll-interval} (other nodes' events, retries). Each event goes to a consumer in its own
 * transaction that also records the delivery, so a crash anywhere leaves it undelivered, never lost; a cluster
 * consumer's transactions hold an advisory lock, so several nodes may run this and each event is delivered to it once.
 * An event a consumer refuses holds back that aggregate's later events until it goes through.
 */
@Context // started with the node: node-scoped consumers get what commits from then on
@Requires(property = "tollgate.outbox.relay.enabled", notEquals = "false")
class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;
    private static final TransactionDefinition OWN_TRANSACTION = TransactionDefinition.of(TransactionDefinition.Propagation.REQUIRES_NEW);

    private final List<OutboxConsumer<?>> consumers;
    private final OutboxTable table;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Duration retention;
    /** Node-scoped consumers are remembered under this node's name, and start at its start. */
    private final String node = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final Map<String, ReentrantLock> rounds = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> backlogEvents = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lagMillis = new ConcurrentHashMap<>();
    /** Set when the node shuts down: a round started then would find the data source or its beans already gone. */
    private volatile boolean stopping;
    /**
     * Cluster consumers' rounds started by a commit run here, off the request's thread: an event that leaves the
     * process (a webhook) is on its way within milliseconds instead of at the next poll. One thread: rounds queue up,
     * and one queued round covers every event committed before it starts.
     */
    private final ExecutorService clusterRounds = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-cluster-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean clusterRoundQueued = new AtomicBoolean();
    /**
     * Per consumer key: every event created before this instant was delivered when the relay last caught up (ADR 0073).
     * Rounds ask only for events created since (less {@link #commitMargin}) instead of every retained event, which
     * each ask would otherwise read and check against the deliveries: at a period end that was most of the invoice
     * worker's database time. An event can become visible after later ones were delivered (its transaction started
     * earlier and committed later); the margin covers the usual case and a full sweep every
     * {@link #fullSweepInterval} the rest, so such an event is late at worst, never lost.
     */
    private final Map<String, Instant> deliveredBefore = new ConcurrentHashMap<>();
    private final Duration commitMargin;
    private final Duration fullSweepInterval;
    private final AtomicLong lastFullSweep = new AtomicLong(System.nanoTime());

    OutboxRelay(List<OutboxConsumer<?>> consumers, OutboxTable table, TransactionOperations<Connection> transactions,
                JsonMapper json, MeterRegistry metrics, @Value("${tollgate.outbox.retention:7d}") Duration retention,
                @Value("${tollgate.outbox.commit-margin:5s}") Duration commitMargin,
                @Value("${tollgate.outbox.full-sweep-interval:30s}") Duration fullSweepInterval) {
        this.commitMargin = commitMargin;
        this.fullSweepInterval = fullSweepInterval;
        this.consumers = consumers;
        this.table = table;
        this.transactions = transactions;
        this.json = json;
        this.retention = retention;
        // A minute back: an event whose transaction began before this node started but committed after it is still
        // this node's to see (node-scoped consumers are idempotent, so seeing one twice costs nothing).
        this.startedAt = inOwnTransaction(() -> table.now()).minus(Duration.ofMinutes(1));
        for (OutboxConsumer<?> consumer : consumers) {
            AtomicLong events = backlogEvents.computeIfAbsent(consumer.name(), name -> new AtomicLong());
            AtomicLong lag = lagMillis.computeIfAbsent(consumer.name(), name -> new AtomicLong());
            Gauge.builder("tollgate_outbox_backlog_events", events, AtomicLong::get)
                    .description("Outbox events not yet delivered to the consumer").tag("consumer", consumer.name()).register(metrics);
            Gauge.builder("tollgate_outbox_lag_seconds", lag, millis -> millis.get() / 1000.0)
                    .description("Age of the oldest outbox event not yet delivered to the consumer")
                    .tag("consumer", consumer.name()).register(metrics);
        }
    }

    /**
     * Right after a publishing transaction commits, on its thread: this node's consumers of that event get it before
     * the request answers. Cluster consumers of it get a round queued on the relay's own thread, off the request path;
     * other event types wait for the poll. The round is queued first, so it runs while this thread serves the node's
     * consumers instead of after them (ADR 0050: a webhook's latency starts at the commit).
     */
    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onAppended(OutboxAppended appended) {
        boolean clusterWants = consumers.stream().anyMatch(c -> c.scope() == Scope.CLUSTER && c.eventType() == appended.type());
        if (clusterWants && !stopping && clusterRoundQueued.compareAndSet(false, true)) {
            clusterRounds.execute(() -> {
                clusterRoundQueued.set(false); // an event committed from now on queues the next round
                relay(consumer -> consumer.scope() == Scope.CLUSTER, false);
            });
        }
        relay(consumer -> consumer.scope() == Scope.NODE && consumer.eventType() == appended.type(), false);
    }

    @EventListener
    void onShutdown(ShutdownEvent shutdown) {
        stopping = true;
        clusterRounds.shutdown();
    }

    @Scheduled(initialDelay = "${tollgate.outbox.poll-interval:1s}", fixedDelay = "${tollgate.outbox.poll-interval:1s}")
    void poll() {
        if (stopping) {
            return;
        }
        long last = lastFullSweep.get();
        boolean sweep = System.nanoTime() - last >= fullSweepInterval.toNanos() && lastFullSweep.compareAndSet(last, System.nanoTime());
        relay(consumer -> true, sweep);
        for (OutboxConsumer<?> consumer : consumers) {
            Backlog backlog = inOwnTransaction(() ->
                    table.backlog(consumerKey(consumer), consumer.eventType().getName(), from(consumer, sweep)));
            backlogEvents.get(consumer.name()).set(backlog.events());
            lagMillis.get(consumer.name()).set(backlog.lag().toMillis());
        }
    }

    /** Events live {@code tollgate.outbox.retention}: a cluster consumer that is down longer misses what is older. */
    @Scheduled(initialDelay = "1m", fixedDelay = "${tollgate.outbox.prune-interval:10m}")
    void prune() {
        if (stopping) {
            return;
        }
        inOwnTransaction(() -> {
            table.prune(retention);
            return null;
        });
    }

    /**
     * Delivers everything due to the consumers {@code chosen}; returns once each is up to date or held back. A full
     * {@code sweep} looks at every retained event, not only those since the consumer was last caught up.
     */
    private void relay(Predicate<OutboxConsumer<?>> chosen, boolean sweep) {
        for (OutboxConsumer<?> consumer : consumers) {
            if (stopping || !chosen.test(consumer)) {
                continue;
            }
            // One round per consumer at a time on this node; a caller that waits then runs its own round, which sees
            // its own just-committed event.
            ReentrantLock lock = rounds.computeIfAbsent(consumer.name(), name -> new ReentrantLock());
            lock.lock();
            try {
                round(consumer, sweep);
            } catch (RuntimeException e) {
                LOG.warn("Outbox relay to {} failed; retrying on the next round", consumer.name(), e);
            } finally {
                lock.unlock();
            }
        }
    }

    private <E extends Record> void round(OutboxConsumer<E> consumer, boolean sweep) {
        String key = consumerKey(consumer);
        Instant from = from(consumer, sweep);
        Set<String> heldBack = new HashSet<>();
        Instant newest = null; // the newest event seen this round
        Instant oldestLeft = null; // the oldest event left undelivered this round
        while (true) {
            List<StoredEvent> batch = inOwnTransaction(() -> table.undelivered(key, consumer.eventType().getName(), from, BATCH));
            int progressed = 0;
            for (StoredEvent event : batch) {
                newest = newest == null || event.createdAt().isAfter(newest) ? event.createdAt() : newest;
                if (heldBack.contains(event.aggregate())) {
                    oldestLeft = oldest(oldestLeft, event.createdAt());
                    continue; // an earlier event of this aggregate is still undelivered: keep the order
                }
                try {
                    Boolean done = inOwnTransaction(() -> deliver(consumer, key, event));
                    if (!done) {
                        return; // another node holds this cluster consumer: it delivers, we stop
                    }
                    progressed++;
                } catch (RuntimeException e) {
                    heldBack.add(event.aggregate());
                    oldestLeft = oldest(oldestLeft, event.createdAt());
                    LOG.warn("Outbox event {} refused by {}; it and later events of {} wait for the next round",
                            event.id(), consumer.name(), event.aggregate(), e);
                }
            }
            if (batch.size() < BATCH || progressed == 0) {
                if (batch.size() < BATCH && newest != null) {
                    // Caught up: what was created before the oldest event left (or the newest seen), less the margin,
                    // is delivered.
                    Instant caughtUp = (oldestLeft != null ? oldestLeft : newest).minus(commitMargin);
                    deliveredBefore.merge(key, caughtUp, (was, now) -> now.isAfter(was) ? now : was);
                }
                return;
            }
        }
    }

    private static Instant oldest(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    /** In one transaction: the claim, then the consumer's effect. False when another node holds the consumer. */
    private <E extends Record> boolean deliver(OutboxConsumer<E> consumer, String key, StoredEvent event) {
        if (consumer.scope() == Scope.CLUSTER && !table.lockConsumer(key)) {
            return false;
        }
        if (table.claim(key, event.id())) {
            consumer.deliver(event.id(), read(event.payload(), consumer.eventType()));
        }
        return true;
    }

    /**
     * Its own transaction, whatever is bound to the thread: the relay also runs right after another transaction
     * committed, on that request's thread.
     */
    private <T> T inOwnTransaction(Supplier<T> work) {
        return transactions.execute(OWN_TRANSACTION, status -> work.get());
    }

    private <E> E read(String payload, Class<E> type) {
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String consumerKey(OutboxConsumer<?> consumer) {
        return consumer.scope() == Scope.NODE ? consumer.name() + "@" + node : consumer.name();
    }

    /** Where a round starts looking: a node consumer at the node's start, a cluster one at the beginning; then see {@link #deliveredBefore}. */
    private Instant from(OutboxConsumer<?> consumer, boolean sweep) {
        Instant start = consumer.scope() == Scope.NODE ? startedAt : Instant.EPOCH;
        Instant caughtUp = deliveredBefore.get(consumerKey(consumer));
        return sweep || caughtUp == null || caughtUp.isBefore(start) ? start : caughtUp;
    }
}

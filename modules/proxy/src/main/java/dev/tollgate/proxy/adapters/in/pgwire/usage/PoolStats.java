package dev.tollgate.proxy.adapters.in.pgwire.usage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one database's pool, resolved once so that the hot path only increments: clients waiting and their
 * wait time, transactions and queries relayed, bytes each way, upstream connections opened and closed.
 */
public final class PoolStats {
    final AtomicInteger waiting = new AtomicInteger();
    private final Timer waitTime;
    private final Timer connectTime;
    private final Counter serversClosed;
    private final Counter transactions;
    private final Counter queries;
    private final Counter bytesToClient;
    private final Counter bytesToServer;
    /** The same queries and bytes, plus connection time, as the usage the organization is metered for. */
    private final UsageCounters usage;
    /** The queries, latencies and pool acquisitions of the project's metrics snapshots (shared by its databases). */
    private final SnapshotCounters snapshot;
    /** The query shapes of the project's insights (shared by its databases). */
    private final ShapeBook shapes;

    /** Meters with a book of query shapes of their own (tests), up to the node's ceiling. */
    public PoolStats(Timer waitTime, Timer connectTime, Counter serversClosed, Counter transactions, Counter queries,
              Counter bytesToClient, Counter bytesToServer, UsageCounters usage, SnapshotCounters snapshot) {
        this(waitTime, connectTime, serversClosed, transactions, queries, bytesToClient, bytesToServer, usage, snapshot,
                new ShapeBook(snapshot.projectId(), new QueryShapeCache(1_000), ProxyMetrics.SHAPE_CEILING));
    }

    public PoolStats(Timer waitTime, Timer connectTime, Counter serversClosed, Counter transactions, Counter queries,
              Counter bytesToClient, Counter bytesToServer, UsageCounters usage, SnapshotCounters snapshot, ShapeBook shapes) {
        this.shapes = shapes;
        this.usage = usage;
        this.snapshot = snapshot;
        this.waitTime = waitTime;
        this.connectTime = connectTime;
        this.serversClosed = serversClosed;
        this.transactions = transactions;
        this.queries = queries;
        this.bytesToClient = bytesToClient;
        this.bytesToServer = bytesToServer;
    }

    public UsageCounters usage() {
        return usage;
    }

    /** The project's book of query shapes; null when the node keeps no insights. */
    public ShapeBook shapes() {
        return shapes;
    }

    public void query() {
        queries.increment();
        usage.query();
        snapshot.query();
    }

    /** A query's reply is complete (see {@link SnapshotCounters#answered}). */
    /** A query answered from the result cache (ADR 0059): counted as a query too, by {@link #query()}. */
    /** A cacheable query missed the result cache and goes upstream (daily usage, ADR 0059). */
    public void cacheMiss() {
        usage.cacheMiss();
    }

    public void cacheHit() {
        usage.cacheHit();
        snapshot.cacheHit();
    }

    public void answered(long receivedNanos, long sentNanos, long nowNanos) {
        snapshot.answered(receivedNanos, sentNanos, nowNanos);
    }

    /** The client got a server connection from the pool after waiting {@code nanos} (0 when one was idle). */
    public void acquired(long nanos) {
        snapshot.acquired(nanos);
    }

    /** A transaction ended: ReadyForQuery back to idle. */
    public void transaction() {
        transactions.increment();
    }

    public void sentToClient(long bytes) {
        bytesToClient.increment(bytes);
        usage.sentToClient(bytes);
    }

    /** Bytes the client sent, counted once per read batch. */
    public void sentToServer(long bytes) {
        bytesToServer.increment(bytes);
    }

    public void waiting(int delta) {
        waiting.addAndGet(delta);
    }

    public void waited(long nanos) {
        waitTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void serverOpened(long loginNanos) {
        connectTime.record(loginNanos, TimeUnit.NANOSECONDS);
    }

    public void serverClosed() {
        serversClosed.increment();
    }
}

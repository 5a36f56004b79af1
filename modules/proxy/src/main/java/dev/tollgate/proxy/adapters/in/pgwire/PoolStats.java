package dev.tollgate.proxy.adapters.in.pgwire;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The meters of one database's pool, resolved once so that the hot path only increments: clients waiting and their
 * wait time, transactions and queries relayed, bytes each way, upstream connections opened and closed.
 */
final class PoolStats {
    final AtomicInteger waiting = new AtomicInteger();
    private final Timer waitTime;
    private final Timer connectTime;
    private final Counter serversClosed;
    final Counter transactions;
    private final Counter queries;
    private final Counter bytesToClient;
    final Counter bytesToServer;
    /** The same queries and bytes, plus connection time, as the usage the organization is metered for. */
    final UsageCounters usage;

    PoolStats(Timer waitTime, Timer connectTime, Counter serversClosed, Counter transactions, Counter queries,
              Counter bytesToClient, Counter bytesToServer, UsageCounters usage) {
        this.usage = usage;
        this.waitTime = waitTime;
        this.connectTime = connectTime;
        this.serversClosed = serversClosed;
        this.transactions = transactions;
        this.queries = queries;
        this.bytesToClient = bytesToClient;
        this.bytesToServer = bytesToServer;
    }

    void query() {
        queries.increment();
        usage.query();
    }

    void sentToClient(long bytes) {
        bytesToClient.increment(bytes);
        usage.sentToClient(bytes);
    }

    void waiting(int delta) {
        waiting.addAndGet(delta);
    }

    void waited(long nanos) {
        waitTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    void serverOpened(long loginNanos) {
        connectTime.record(loginNanos, TimeUnit.NANOSECONDS);
    }

    void serverClosed() {
        serversClosed.increment();
    }
}

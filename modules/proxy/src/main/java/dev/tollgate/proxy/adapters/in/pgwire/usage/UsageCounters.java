package dev.tollgate.proxy.adapters.in.pgwire.usage;

import dev.tollgate.proxy.domain.ProxyUsage;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one database's clients use on this node, counted on the query path without locks (queries and bytes are
 * adders that only grow) and reported as differences since the last report, so a count is never lost or reported
 * twice whatever the event loops do meanwhile. Connection time is the integral of open client connections over time.
 */
public final class UsageCounters {
    private final UUID organizationId;
    private final UUID projectId;
    private final UUID databaseId;
    private final LongAdder queries = new LongAdder();
    private final LongAdder bytesToClient = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private long reportedQueries;
    private long reportedBytes;
    private long reportedHits;
    private long reportedMisses;
    private int openConnections;
    private long lastChangeNanos = System.nanoTime();
    private long unreportedConnectionNanos;

    public UsageCounters(UUID organizationId, UUID projectId, UUID databaseId) {
        this.organizationId = organizationId;
        this.projectId = projectId;
        this.databaseId = databaseId;
    }

    public void query() {
        queries.increment();
    }

    /** A query answered from the result cache (it is also counted as a query). */
    public void cacheHit() {
        cacheHits.increment();
    }

    /** A cacheable query that was not in the result cache and went upstream. */
    public void cacheMiss() {
        cacheMisses.increment();
    }

    public void sentToClient(long bytes) {
        bytesToClient.add(bytes);
    }

    public synchronized void connected(long nanos) {
        accrue(nanos);
        openConnections++;
    }

    public synchronized void disconnected(long nanos) {
        accrue(nanos);
        openConnections--;
    }

    /** Everything counted since the previous report (sub-millisecond connection time stays for the next one). */
    synchronized ProxyUsage report(String id, Instant until, long nanos) {
        accrue(nanos);
        long q = queries.sum();
        long b = bytesToClient.sum();
        long hits = cacheHits.sum();
        long misses = cacheMisses.sum();
        long millis = unreportedConnectionNanos / 1_000_000;
        unreportedConnectionNanos -= millis * 1_000_000;
        ProxyUsage usage = new ProxyUsage(id, organizationId, projectId, databaseId, until, q - reportedQueries, b - reportedBytes, millis,
                hits - reportedHits, misses - reportedMisses);
        reportedQueries = q;
        reportedBytes = b;
        reportedHits = hits;
        reportedMisses = misses;
        return usage;
    }

    private void accrue(long nanos) {
        unreportedConnectionNanos += openConnections * (nanos - lastChangeNanos);
        lastChangeNanos = nanos;
    }
}

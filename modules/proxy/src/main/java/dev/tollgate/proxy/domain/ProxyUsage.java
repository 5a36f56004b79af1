package dev.tollgate.proxy.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What one database's clients used on this node between two flushes: queries relayed, bytes sent to clients and the
 * time client connections were open; of the queries, {@code cacheHits} were answered from the result cache and
 * {@code cacheMisses} were cacheable but went upstream (ADR 0059). {@code id} makes a resend of the same report count
 * once.
 */
public record ProxyUsage(String id, UUID organizationId, UUID projectId, UUID databaseId, Instant until, long queries,
                         long bytesToClient, long connectionMillis, long cacheHits, long cacheMisses) {

    public boolean isEmpty() {
        return queries == 0 && bytesToClient == 0 && connectionMillis == 0 && cacheHits == 0 && cacheMisses == 0;
    }
}

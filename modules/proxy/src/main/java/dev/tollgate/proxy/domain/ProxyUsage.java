package dev.tollgate.proxy.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What one database's clients used on this node between two flushes: queries relayed, bytes sent to clients and the
 * time client connections were open. {@code id} makes a resend of the same report count once.
 */
public record ProxyUsage(String id, UUID organizationId, UUID projectId, UUID databaseId, Instant until, long queries,
                         long bytesToClient, long connectionMillis) {

    public boolean isEmpty() {
        return queries == 0 && bytesToClient == 0 && connectionMillis == 0;
    }
}

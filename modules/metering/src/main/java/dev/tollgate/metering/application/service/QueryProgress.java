package dev.tollgate.metering.application.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What OpenMeter's getProgress reports for a query run with a {@code clientId}: how many events it had to read and
 * how many it read. Queries here run in one statement, so a finished query reports total = success. Kept for an hour.
 */
@Singleton
class QueryProgress {
    record Progress(long total, long success, long failed, Instant updatedAt) {
    }

    private final Cache<String, Progress> byClient = Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(100_000).build();

    void started(UUID namespace, String clientId, Instant now) {
        byClient.put(key(namespace, clientId), new Progress(0, 0, 0, now));
    }

    void finished(UUID namespace, String clientId, long events, Instant now) {
        byClient.put(key(namespace, clientId), new Progress(events, events, 0, now));
    }

    void failed(UUID namespace, String clientId, Instant now) {
        byClient.put(key(namespace, clientId), new Progress(1, 0, 1, now));
    }

    Optional<Progress> find(UUID namespace, String clientId) {
        return Optional.ofNullable(byClient.getIfPresent(key(namespace, clientId)));
    }

    private static String key(UUID namespace, String clientId) {
        return namespace + "/" + clientId;
    }
}

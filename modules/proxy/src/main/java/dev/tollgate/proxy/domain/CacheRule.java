package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A database's caching choice for one query shape (PgBeam's cache rule, ADR 0061), overriding its {@link CacheConfig}:
 * on or off, and the TTL and stale-while-revalidate window when set (null: the database's).
 */
public record CacheRule(UUID databaseId, String queryHash, boolean cacheEnabled, Integer ttlSeconds, Integer swrSeconds, Instant updatedAt) {
    public static final int MAX_SECONDS = 86_400;
    private static final Pattern HASH = Pattern.compile("[a-f0-9]{16}");

    public static CacheRule of(UUID databaseId, String queryHash, Boolean cacheEnabled, Integer ttlSeconds, Integer swrSeconds, Instant now) {
        if (cacheEnabled == null) {
            throw new ValidationException("cache_enabled", "is required");
        }
        return new CacheRule(databaseId, queryHash, cacheEnabled, seconds("cache_ttl_seconds", ttlSeconds),
                seconds("cache_swr_seconds", swrSeconds), now);
    }

    /** A query hash as PgBeam writes it: 16 lowercase hex characters. */
    public static boolean validHash(String hash) {
        return hash != null && HASH.matcher(hash).matches();
    }

    private static Integer seconds(String field, Integer value) {
        if (value != null && (value < 0 || value > MAX_SECONDS)) {
            throw new ValidationException(field, "must be between 0 and " + MAX_SECONDS);
        }
        return value;
    }
}

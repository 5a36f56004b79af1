package dev.tollgate.platform.ratelimit;

import dev.tollgate.platform.domain.RateLimitedException;
import java.time.Duration;

/**
 * Token-bucket rate limiting behind a port, so use cases and filters say what to limit and the adapter decides
 * how (today: Bucket4j buckets in this node's memory).
 */
public interface RateLimiter {

    /** {@code capacity} requests per {@code period} for one {@code key}, refilled gradually. */
    record Limit(String name, long capacity, Duration period) {
    }

    /** {@code perSecond} tokens a second, up to {@code burst} saved up, for one key (e.g. events ingested). */
    record Rate(String name, long perSecond, long burst) {
    }

    /** Takes one token for {@code key}; when none is left, throws with the time until the next one. */
    void acquire(Limit limit, String key) throws RateLimitedException;

    /**
     * Takes {@code tokens} at once for {@code key}, or none: when fewer are left, throws with the time until enough
     * are. More than the burst could never be taken; callers refuse such requests first ({@link IllegalArgumentException}).
     */
    void acquire(Rate rate, String key, long tokens) throws RateLimitedException;
}

package dev.tollgate.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.RateLimitedException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Bucket4j token buckets, one per (limit, key), kept in a bounded Caffeine cache so that idle keys are forgotten.
 * Limits are per node: behind N nodes a key gets at most N times the limit (documented in ADR 0005).
 */
@Singleton
final class Bucket4jRateLimiter implements RateLimiter {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    @Override
    public void acquire(Limit limit, String key) {
        Bucket bucket = buckets.get(limit.name() + '\u0000' + key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitedException("Rate limit of " + limit.capacity() + " requests per " + describe(limit.period())
                    + " exceeded", Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private static String describe(Duration period) {
        return period.equals(Duration.ofMinutes(1)) ? "minute" : period.toString();
    }
}

package dev.tollgate.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.platform.domain.RateLimitedException;
import dev.tollgate.platform.time.ClockTimeMeter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Bucket4j token buckets, one per (limit, key), kept in a bounded Caffeine cache so that idle keys are forgotten.
 * Limits are per node: behind N nodes a key gets at most N times the limit (documented in ADR 0005). Buckets refill
 * on the application's {@link Clock}, so tests move time instead of waiting for it.
 */
@Singleton
final class Bucket4jRateLimiter implements RateLimiter {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();
    private final TimeMeter time;

    Bucket4jRateLimiter(Clock clock) {
        this.time = new ClockTimeMeter(clock);
    }

    @Override
    public void acquire(Limit limit, String key) {
        take(bucket(limit.name() + '\u0000' + key, Bandwidth.builder().capacity(limit.capacity())
                .refillGreedy(limit.capacity(), limit.period()).build()), 1,
                "Rate limit of " + limit.capacity() + " requests per " + describe(limit.period()) + " exceeded");
    }

    @Override
    public void acquire(Rate rate, String key, long tokens) {
        if (tokens > rate.burst()) {
            // No wait would let it pass: the caller must refuse such a request itself, as a bad one.
            throw new IllegalArgumentException(tokens + " tokens at once exceed the burst of " + rate.burst());
        }
        // The rate is part of the bucket's name: a changed rate (a new tier) starts a bucket of its own.
        take(bucket(rate.name() + '\u0000' + rate.perSecond() + '/' + rate.burst() + '\u0000' + key, Bandwidth.builder()
                .capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)).build()), tokens,
                "Rate limit of " + rate.perSecond() + " a second (bursts up to " + rate.burst() + ") exceeded");
    }

    private Bucket bucket(String name, Bandwidth bandwidth) {
        return buckets.get(name, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
    }

    private static void take(Bucket bucket, long tokens, String refusal) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
        if (!probe.isConsumed()) {
            throw new RateLimitedException(refusal, Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private static String describe(Duration period) {
        return period.equals(Duration.ofMinutes(1)) ? "minute" : period.toString();
    }
}

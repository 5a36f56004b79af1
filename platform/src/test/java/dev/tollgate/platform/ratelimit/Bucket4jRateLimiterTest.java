package dev.tollgate.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The buckets refill on the application clock: each case moves time by hand, so none depends on the machine's speed. */
class Bucket4jRateLimiterTest {
    private final HandClock clock = new HandClock();
    private final Bucket4jRateLimiter limiter = new Bucket4jRateLimiter(clock);

    @Test
    void aLimitRefusesBeyondItsCapacityUntilTheClockHasRefilledIt() {
        RateLimiter.Limit limit = new RateLimiter.Limit("logins", 3, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire(limit, "alice");
        }
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire(limit, "alice"));
        assertEquals(Duration.ofSeconds(20), refused.retryAfter(), "one token comes back every 20 s");
        limiter.acquire(limit, "bob"); // keys have buckets of their own

        clock.advance(Duration.ofSeconds(19));
        assertThrows(RateLimitedException.class, () -> limiter.acquire(limit, "alice"));
        clock.advance(Duration.ofSeconds(1));
        limiter.acquire(limit, "alice");
        assertThrows(RateLimitedException.class, () -> limiter.acquire(limit, "alice"));
    }

    @Test
    void aRateTakesBatchesAllOrNothingAndRefillsPerSecond() {
        RateLimiter.Rate rate = new RateLimiter.Rate("events", 10, 50);
        limiter.acquire(rate, "ns", 50);
        RateLimitedException refused = assertThrows(RateLimitedException.class, () -> limiter.acquire(rate, "ns", 5));
        assertEquals(Duration.ofMillis(500), refused.retryAfter());
        clock.advance(Duration.ofMillis(500));
        limiter.acquire(rate, "ns", 5);
        assertThrows(RateLimitedException.class, () -> limiter.acquire(rate, "ns", 1), "the batch took all that had come back");
        clock.advance(Duration.ofSeconds(10));
        limiter.acquire(rate, "ns", 50); // full again, never above the burst
        assertThrows(RateLimitedException.class, () -> limiter.acquire(rate, "ns", 1));
        assertThrows(IllegalArgumentException.class, () -> limiter.acquire(rate, "ns", 51), "more than the burst can never pass");
    }

    /** A clock that stands still until told to move. */
    private static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-06T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

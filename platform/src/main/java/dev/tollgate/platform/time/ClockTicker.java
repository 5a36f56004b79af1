package dev.tollgate.platform.time;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;

/**
 * Caffeine's time source read from the application's {@link Clock} (ADR 0027), so that cache entries expire and are
 * refreshed as that clock moves: in production the system clock, in tests a clock the test moves instead of sleeping.
 * Nanoseconds since the epoch (the scale of Bucket4j's {@link ClockTimeMeter}) to the millisecond: caches read it on
 * every lookup, and {@link Clock#millis()} is the cheapest read of a clock.
 */
public record ClockTicker(Clock clock) implements Ticker {
    @Override
    public long read() {
        return clock.millis() * 1_000_000L;
    }

    /** Nanoseconds since the epoch: the scale of {@link #read()} and of {@link ClockTimeMeter}. */
    public static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}

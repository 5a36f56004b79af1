package dev.tollgate.platform.time;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;

/**
 * Bucket4j's time source read from the application's {@link Clock}, so token buckets refill as that clock moves: in
 * production the system clock, in tests a clock the test moves instead of sleeping. Wall-clock based, so a bucket
 * tolerates the clock jumping (as a test clock does).
 */
public record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
        return ClockTicker.epochNanos(clock.instant());
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}

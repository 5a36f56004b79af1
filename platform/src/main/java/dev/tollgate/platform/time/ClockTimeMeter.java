package dev.tollgate.platform.time;

import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;

/**
 * Bucket4j's time source read from the application's {@link Clock}, so token buckets refill as that clock moves: in
 * production the system clock, in tests a clock the test moves instead of sleeping. Wall-clock based, so a bucket
 * tolerates the clock jumping (as a test clock does).
 */
public record ClockTimeMeter(Clock clock) implements TimeMeter {
    @Override
    public long currentTimeNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }
}

package dev.tollgate.metering;

import dev.tollgate.testing.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * In metering's tests the application clock is a {@link MutableClock}: it stands still until a test moves it, so
 * ingestion quotas refill only when a test says so, never with the machine's speed.
 */
@Factory
class TestClockFactory {
    @Singleton
    @Replaces(Clock.class)
    MutableClock clock() {
        return new MutableClock();
    }
}

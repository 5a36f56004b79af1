package dev.tollgate.tenancy.adapters.in.http;

import dev.tollgate.testing.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** In tenancy's tests the application clock is a {@link MutableClock}: real time until a test moves it. */
@Factory
class TestClockFactory {
    @Singleton
    @Replaces(Clock.class)
    MutableClock clock() {
        return new MutableClock();
    }
}

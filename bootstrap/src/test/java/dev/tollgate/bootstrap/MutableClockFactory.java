package dev.tollgate.bootstrap;

import dev.tollgate.testing.MutableClock;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * A {@link MutableClock} as the application clock, for the bootstrap tests that ask for it with
 * {@code tollgate.test.clock: mutable}; the others keep the real clock.
 */
@Factory
@Requires(property = MutableClockFactory.PROPERTY, value = "mutable")
class MutableClockFactory {
    static final String PROPERTY = "tollgate.test.clock";

    @Singleton
    @Replaces(Clock.class)
    MutableClock clock() {
        return new MutableClock();
    }
}

package dev.tollgate.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Makes the application clock a {@link MutableClock} in the tests that ask for it with {@code tollgate.test.clock:
 * mutable} (a whole module's tests through its {@code application-test.yml}, or one test through its properties);
 * the others keep the real clock. Time-dependent behaviour is then tested by moving the clock, never by sleeping.
 */
@Factory
@Requires(property = MutableClockFactory.PROPERTY, value = "mutable")
public class MutableClockFactory {
    public static final String PROPERTY = "tollgate.test.clock";

    @Singleton
    @Replaces(Clock.class)
    MutableClock clock() {
        return new MutableClock();
    }
}

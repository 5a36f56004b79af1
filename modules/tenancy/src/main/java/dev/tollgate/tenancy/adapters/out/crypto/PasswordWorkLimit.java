package dev.tollgate.tenancy.adapters.out.crypto;

import dev.tollgate.platform.domain.RateLimitedException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds the Argon2 work in progress (each hash holds 19 MiB for its duration): at most
 * {@code tollgate.auth.password-hashing.max-concurrent} run at once (default: the number of processors) and at most
 * {@code max-queued} more wait for a turn (default: twice that), each for at most {@code max-wait} (default 5 s).
 * Anything beyond is refused at once with a 429 and Retry-After, so a burst of logins for random emails costs bounded
 * memory and threads instead of queueing without end.
 */
@Singleton
final class PasswordWorkLimit {
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    final Semaphore admitted;
    final Semaphore running;
    private final Duration maxWait;

    PasswordWorkLimit(@Value("${tollgate.auth.password-hashing.max-concurrent:0}") int maxConcurrent,
                      @Value("${tollgate.auth.password-hashing.max-queued:-1}") int maxQueued,
                      @Value("${tollgate.auth.password-hashing.max-wait:5s}") Duration maxWait) {
        int concurrent = maxConcurrent > 0 ? maxConcurrent : Runtime.getRuntime().availableProcessors();
        int queued = maxQueued >= 0 ? maxQueued : 2 * concurrent;
        this.admitted = new Semaphore(concurrent + queued);
        this.running = new Semaphore(concurrent, true);
        this.maxWait = maxWait;
    }

    <T> T run(Supplier<T> work) {
        if (!admitted.tryAcquire()) {
            throw busy();
        }
        try {
            if (!running.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy();
            }
            try {
                return work.get();
            } finally {
                running.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            admitted.release();
        }
    }

    private static RateLimitedException busy() {
        return new RateLimitedException("Too many sign-ins are being checked right now; try again in a moment", RETRY_AFTER);
    }
}

package dev.tollgate.webhooks.domain;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When a failed attempt is tried again: the n-th retry waits the n-th delay of the schedule (the last one repeats),
 * spread by ±{@code jitter} so that endpoints that failed together do not all come back at once; an endpoint's
 * {@code Retry-After} is honoured when it asks for longer, up to {@link #MAX_RETRY_AFTER}. The default schedule is
 * Svix's: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h.
 */
public record RetryPolicy(List<Duration> delays, double jitter) {
    public static final List<Duration> SVIX_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10));
    /** A {@code Retry-After} longer than this is capped: an endpoint cannot park its deliveries for days. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);

    public RetryPolicy {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is a fraction in [0, 1)");
        }
        delays = List.copyOf(delays);
    }

    /**
     * @param failedAttempts how many attempts have failed so far (1 after the first)
     * @param retryAfter     what the endpoint's last answer asked for, or null
     */
    public Duration delayAfter(int failedAttempts, Duration retryAfter, RandomGenerator random) {
        Duration base = delays.get(Math.min(Math.max(failedAttempts, 1), delays.size()) - 1);
        double spread = 1 + jitter * (2 * random.nextDouble() - 1);
        Duration delay = Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * spread)));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            return retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
        }
        return delay;
    }
}

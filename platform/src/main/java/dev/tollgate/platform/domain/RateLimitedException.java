package dev.tollgate.platform.domain;

import java.time.Duration;

/** Too many requests; the client may retry after {@link #retryAfter()}. */
public final class RateLimitedException extends DomainException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super("rate_limited", message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, rounded up and at least one, as the Retry-After header wants them. */
    public long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}

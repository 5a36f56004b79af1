package dev.tollgate.webhooks.domain;

import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * What an attempt means for its delivery. A 2xx delivers; a 410 fails the delivery and disables the endpoint; any
 * other failure retries while the endpoint's attempts per delivery remain, else fails. The endpoint's circuit breaker
 * counts every failed attempt ({@link #BREAKER_THRESHOLD} consecutive ones open it: php-tenant's documented five; a
 * success closes the count) — kept by the store, where concurrent attempts at one endpoint add up atomically.
 *
 * @param nextAttemptAt when to try again, or null when the delivery is final
 * @param endpointGone  the receiver answered 410 Gone: stop sending to the endpoint
 */
public record AttemptVerdict(DeliveryStatus status, Instant nextAttemptAt, boolean endpointGone) {
    public static final int BREAKER_THRESHOLD = 5;
    /** Why an endpoint stopped receiving, as recorded on it. */
    public static final String GONE = "gone";
    public static final String CIRCUIT_OPEN = "circuit_open";

    /**
     * @param attempts    this delivery's attempts including this one
     * @param maxAttempts the endpoint's budget per delivery
     */
    public static AttemptVerdict of(AttemptResult result, int attempts, int maxAttempts, RetryPolicy retries, Instant now,
                                    RandomGenerator random) {
        if (result.succeeded()) {
            return new AttemptVerdict(DeliveryStatus.SUCCESS, null, false);
        }
        if (result.gone()) {
            return new AttemptVerdict(DeliveryStatus.FAILED, null, true);
        }
        if (attempts >= maxAttempts) {
            return new AttemptVerdict(DeliveryStatus.FAILED, null, false);
        }
        return new AttemptVerdict(DeliveryStatus.PENDING, now.plus(retries.delayAfter(attempts, result.retryAfter(), random)), false);
    }
}

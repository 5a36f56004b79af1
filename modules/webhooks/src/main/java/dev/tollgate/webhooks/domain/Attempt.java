package dev.tollgate.webhooks.domain;

import java.time.Instant;

/** One try of a delivery as the attempt log keeps it; {@code statusCode} is null when no answer came (timeout, refused). */
public record Attempt(long deliveryId, int number, Instant attemptedAt, String url, Integer statusCode, long durationMs, String body,
                      String error) {
    public boolean succeeded() {
        return statusCode != null && statusCode / 100 == 2;
    }
}

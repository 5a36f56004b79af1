package dev.tollgate.testing.stripe;

/**
 * One request the fake received: method, path, the raw query and form body, the Idempotency-Key (or null), the
 * status it answered, and whether the answer was an idempotent replay.
 */
public record RecordedRequest(String method, String path, String query, String body, String idempotencyKey,
                              int status, boolean replayed) {
}

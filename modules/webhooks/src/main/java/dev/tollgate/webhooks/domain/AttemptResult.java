package dev.tollgate.webhooks.domain;

import java.time.Duration;

/**
 * What one HTTP attempt got: the status (null when no answer came: refused address, connection error, timeout), the
 * start of the response body, how long it took, why it failed when there was no answer, and a {@code Retry-After}.
 */
public record AttemptResult(Integer statusCode, String body, long durationMillis, String error, Duration retryAfter) {
    /** Response bodies are kept this long at most (characters), in the delivery record and the attempt log. */
    public static final int BODY_LIMIT = 4096;

    public AttemptResult {
        body = body == null ? "" : body.length() > BODY_LIMIT ? body.substring(0, BODY_LIMIT) : body;
    }

    public static AttemptResult noAnswer(String error, long durationMillis) {
        return new AttemptResult(null, "", durationMillis, error, null);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** 410 Gone: the receiver says the endpoint no longer exists, so Tollgate stops sending to it. */
    public boolean gone() {
        return statusCode != null && statusCode == 410;
    }

    /** A short reason for the delivery record: the error, or the HTTP status. */
    public String reason() {
        if (statusCode == null) {
            return error == null ? "no response" : error;
        }
        return succeeded() ? "delivered" : "endpoint answered HTTP " + statusCode;
    }
}

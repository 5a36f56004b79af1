package dev.tollgate.webhooks.application.port.out;

import java.time.Duration;
import java.util.List;

/** The operator's delivery settings ({@code tollgate.webhooks.*}). */
public interface WebhookSettings {
    /** The retry schedule: the n-th retry waits the n-th delay (the last repeats). */
    List<Duration> retryDelays();

    /** Attempts on the wire at once. */
    int maxInFlight();

    /** Deliveries taken from the queue per claim. */
    int claimBatch();

    /** How long a claimed delivery is left alone before it is due again (longer than the request timeout). */
    Duration lease();
}

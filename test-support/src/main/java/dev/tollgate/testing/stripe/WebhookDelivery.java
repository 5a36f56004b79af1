package dev.tollgate.testing.stripe;

/**
 * What became of one event sent to one webhook endpoint: how many attempts were made, the last HTTP status
 * (0 when the endpoint could not be reached), whether it was delivered (a 2xx) and whether it is finished
 * (delivered, or the retries used up).
 */
public record WebhookDelivery(String eventId, String eventType, String endpointId, String url, int attempts,
                              int lastStatus, boolean delivered, boolean finished) {
}

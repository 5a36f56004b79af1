package dev.tollgate.webhooks.domain;

/** Where a delivery stands: waiting for its next attempt, delivered (final), or out of attempts (final until retried). */
public enum DeliveryStatus {
    PENDING, SUCCESS, FAILED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

package dev.tollgate.metering.domain;

import java.time.Instant;

/**
 * A stored event with when it arrived and when it was written, the customer its subject belongs to (or null) and why
 * it does not count towards one of its type's meters (or null).
 */
public record IngestedEvent(CloudEvent event, Instant ingestedAt, Instant storedAt, String customerId, String validationError) {

    public IngestedEvent(CloudEvent event, Instant ingestedAt, Instant storedAt, String customerId) {
        this(event, ingestedAt, storedAt, customerId, null);
    }

    public IngestedEvent withCustomer(String customer) {
        return new IngestedEvent(event, ingestedAt, storedAt, customer, validationError);
    }

    public IngestedEvent withValidationError(String error) {
        return new IngestedEvent(event, ingestedAt, storedAt, customerId, error);
    }
}

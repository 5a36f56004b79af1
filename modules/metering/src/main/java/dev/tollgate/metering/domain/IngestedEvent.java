package dev.tollgate.metering.domain;

import java.time.Instant;

/** A stored event with when it arrived and when it was written, and the customer its subject belongs to (or null). */
public record IngestedEvent(CloudEvent event, Instant ingestedAt, Instant storedAt, String customerId) {

    public IngestedEvent withCustomer(String customer) {
        return new IngestedEvent(event, ingestedAt, storedAt, customer);
    }
}

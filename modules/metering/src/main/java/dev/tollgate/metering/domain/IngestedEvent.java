package dev.tollgate.metering.domain;

import java.time.Instant;

/** A stored event with when it arrived and when it was written. */
public record IngestedEvent(CloudEvent event, Instant ingestedAt, Instant storedAt) {
}

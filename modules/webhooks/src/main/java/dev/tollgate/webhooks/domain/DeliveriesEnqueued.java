package dev.tollgate.webhooks.domain;

/** In memory only: deliveries were queued in the current transaction, so the worker has work once it commits. */
public record DeliveriesEnqueued(int count) {
}

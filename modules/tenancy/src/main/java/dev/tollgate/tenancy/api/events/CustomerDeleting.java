package dev.tollgate.tenancy.api.events;

import java.util.UUID;

/**
 * A customer is about to be deleted, published inside the deleting transaction before anything changes: a module that
 * still holds something running for the customer (billing: a subscription) refuses by throwing, and the deletion does
 * not happen. {@code customerId} is the customer's ULID.
 */
public record CustomerDeleting(UUID namespace, String customerId) {
}

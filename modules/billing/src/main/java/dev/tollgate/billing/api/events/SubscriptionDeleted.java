package dev.tollgate.billing.api.events;

import java.util.UUID;

/** A subscription that had not started was deleted: it never bills. */
public record SubscriptionDeleted(UUID namespace, String subscriptionId, String customerId) {
}

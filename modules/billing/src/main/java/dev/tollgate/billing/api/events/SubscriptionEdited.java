package dev.tollgate.billing.api.events;

import java.time.Instant;
import java.util.UUID;

/** A subscription's phases or items changed from {@code at} (an edit, or an add-on bought or changed): its lines are to be re-laid. */
public record SubscriptionEdited(UUID namespace, String subscriptionId, String customerId, Instant at) {
}

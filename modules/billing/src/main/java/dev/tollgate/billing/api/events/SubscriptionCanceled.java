package dev.tollgate.billing.api.events;

import java.time.Instant;
import java.util.UUID;

/** A subscription now ends at {@code activeTo} (canceled, or closed by a change): lines after it are to be dropped. */
public record SubscriptionCanceled(UUID namespace, String subscriptionId, String customerId, Instant activeTo) {
}

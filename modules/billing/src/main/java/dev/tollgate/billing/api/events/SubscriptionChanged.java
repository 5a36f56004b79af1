package dev.tollgate.billing.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription was replaced by another from {@code at} (change or migrate). Published after the previous one's
 * {@link SubscriptionCanceled} and the next one's {@link SubscriptionCreated}; it only links the two.
 */
public record SubscriptionChanged(UUID namespace, String customerId, String previousSubscriptionId, String nextSubscriptionId, Instant at) {
}

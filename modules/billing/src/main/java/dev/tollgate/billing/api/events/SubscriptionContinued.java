package dev.tollgate.billing.api.events;

import java.util.UUID;

/** A canceled subscription runs on without an end again (unschedule-cancelation, restore). */
public record SubscriptionContinued(UUID namespace, String subscriptionId, String customerId) {
}

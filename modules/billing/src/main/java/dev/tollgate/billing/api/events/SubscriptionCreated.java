package dev.tollgate.billing.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A subscription was created (directly, or as the next one of a change or migration): billing will lay its invoice lines
 * out from {@code activeFrom}. Ids are OpenMeter ULIDs.
 */
public record SubscriptionCreated(UUID namespace, String subscriptionId, String customerId, Instant activeFrom, Instant activeTo) {
}

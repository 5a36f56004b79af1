package dev.tollgate.webhooks.application.port.in;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * OpenMeter's entitlement notifications (ADR 0051): {@code entitlements.reset} when usage is reset, by hand or at a
 * usage period's end, and {@code entitlements.balance.threshold} when a balance crosses a rule's threshold.
 */
public interface NotifyEntitlementsUseCase {
    /**
     * A reset by hand, made at {@code occurredAt}, starting a usage period at {@code at}: raises the namespace's reset
     * rules for that entitlement that existed when it was made, once whatever the retries.
     */
    void resetByHand(UUID namespace, UUID entitlementId, UUID featureId, Instant at, Instant occurredAt);

    /** The namespaces that have live, enabled balance-threshold or reset rules: the only ones watched. */
    Set<UUID> watchedNamespaces();

    /**
     * Values the namespace's watched entitlements now and raises what crossed a threshold (once per usage period and
     * threshold) or started a new usage period since {@code since}; returns the events raised.
     */
    int watch(UUID namespace, Instant since);
}

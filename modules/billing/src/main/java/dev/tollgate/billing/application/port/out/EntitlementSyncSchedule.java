package dev.tollgate.billing.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** When each subscription's entitlements must next be synced (ADR 0034). */
public interface EntitlementSyncSchedule {
    /** Sets the subscription's next sync to {@code at}; null removes it (nothing will change any more). */
    void schedule(UUID namespace, UUID subscriptionId, Instant at);

    /** Up to {@code limit} subscriptions due by {@code now}, locked (SKIP LOCKED) until the transaction ends. */
    List<Due> claim(Instant now, int limit);

    record Due(UUID namespace, UUID subscriptionId) {
    }
}

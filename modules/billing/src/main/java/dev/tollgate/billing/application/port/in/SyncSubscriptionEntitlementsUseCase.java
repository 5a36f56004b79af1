package dev.tollgate.billing.application.port.in;

import java.time.Instant;

/** The worker's step for entitlements: subscriptions whose phase or items have changed over get their entitlements synced. */
public interface SyncSubscriptionEntitlementsUseCase {
    /** Syncs up to {@code limit} due subscriptions; returns how many it synced. */
    int syncDue(Instant now, int limit);
}

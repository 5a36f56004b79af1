package dev.tollgate.billing.application.port.in;

import java.time.Instant;

/** The invoice worker's first step: subscriptions whose next service period has begun get their lines planned. */
public interface SyncSubscriptionLinesUseCase {
    /** Plans the lines of up to {@code limit} due subscriptions; returns how many it planned. */
    int syncDue(Instant now, int limit);
}

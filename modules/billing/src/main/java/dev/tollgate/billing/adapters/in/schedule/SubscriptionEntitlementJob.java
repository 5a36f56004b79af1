package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.SyncSubscriptionEntitlementsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions' entitlements follow their phases (ADR 0034): a trial ending, an edited item's new version starting, a
 * canceled subscription ending. Claims due subscriptions with {@code FOR UPDATE SKIP LOCKED}, so any number of nodes
 * may run it.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class SubscriptionEntitlementJob {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionEntitlementJob.class);
    private static final int BATCH = 100;
    private final SyncSubscriptionEntitlementsUseCase entitlements;
    private final Clock clock;

    SubscriptionEntitlementJob(SyncSubscriptionEntitlementsUseCase entitlements, Clock clock) {
        this.entitlements = entitlements;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${tollgate.billing.entitlement-worker-delay:20s}", fixedDelay = "${tollgate.billing.entitlement-worker-interval:30s}")
    void run() {
        try {
            int round;
            do {
                round = entitlements.syncDue(clock.instant(), BATCH);
            } while (round >= BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Subscription entitlement sync failed; the next round retries", e);
        }
    }
}

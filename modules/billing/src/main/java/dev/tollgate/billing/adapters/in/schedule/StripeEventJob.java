package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.ReceiveStripeEventsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes the Stripe webhook events the webhook route stored (ADR 0039). Each event is taken under its row lock
 * with {@code SKIP LOCKED}, so any number of nodes may run it.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class StripeEventJob {
    private static final Logger LOG = LoggerFactory.getLogger(StripeEventJob.class);
    private static final int BATCH = 50;
    private final ReceiveStripeEventsUseCase events;
    private final Clock clock;

    StripeEventJob(ReceiveStripeEventsUseCase events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "${tollgate.billing.stripe-event-worker-delay:1s}", fixedDelay = "${tollgate.billing.stripe-event-worker-interval:1s}")
    void run() {
        try {
            int round;
            do {
                round = events.processDue(clock.instant(), BATCH);
            } while (round >= BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Stripe event processing failed; the next round retries", e);
        }
    }
}

package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.ConnectPlatformStripeUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects the operator's Stripe account once, shortly after start-up (ADR 0042), so workspaces' invoices sync to it
 * before anyone adds a card. Off the start-up thread: a slow or unreachable Stripe must not hold the server back; a
 * failure is logged and the first payment request connects instead.
 */
@Singleton
@Requires(property = "tollgate.stripe.secret-key")
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class PlatformStripeConnectJob {
    private static final Logger LOG = LoggerFactory.getLogger(PlatformStripeConnectJob.class);
    private final ConnectPlatformStripeUseCase platform;

    PlatformStripeConnectJob(ConnectPlatformStripeUseCase platform) {
        this.platform = platform;
    }

    @Scheduled(initialDelay = "${tollgate.billing.platform-stripe-connect-delay:2s}")
    void run() {
        try {
            if (platform.connect()) {
                LOG.info("The platform's Stripe account is connected (the system namespace's Stripe app)");
            }
        } catch (RuntimeException e) {
            LOG.warn("Connecting the platform's Stripe account failed; the first payment request tries again: {}", e.getMessage());
        }
    }
}

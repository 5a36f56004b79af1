package dev.tollgate.billing.adapters.in.schedule;

import dev.tollgate.billing.application.port.in.EvaluateSpendCapsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spend caps follow the charges (ADR 0041): every {@code tollgate.billing.spend-cap-interval} (30 s) the current
 * period's usage-based charges of each capped organization are priced and reported. The proxy never prices anything:
 * it reads the flag this sets. Every node may run it; a round is idempotent (the cap's row lock orders them).
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class SpendCapJob {
    private static final Logger LOG = LoggerFactory.getLogger(SpendCapJob.class);
    private final EvaluateSpendCapsUseCase caps;

    SpendCapJob(EvaluateSpendCapsUseCase caps) {
        this.caps = caps;
    }

    @Scheduled(initialDelay = "${tollgate.billing.spend-cap-interval:30s}", fixedDelay = "${tollgate.billing.spend-cap-interval:30s}")
    void run() {
        try {
            caps.evaluateAll();
        } catch (RuntimeException e) {
            LOG.warn("Spend cap evaluation failed; the next round retries", e);
        }
    }
}

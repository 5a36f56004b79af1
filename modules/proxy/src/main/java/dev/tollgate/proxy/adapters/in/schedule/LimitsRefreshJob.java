package dev.tollgate.proxy.adapters.in.schedule;

import dev.tollgate.proxy.application.port.in.ProxyLimitsUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the proxy's in-memory limits in step across nodes: every {@code tollgate.proxy.limits-refresh-interval} (30 s)
 * the limits and today's metered query count of each organization held are read again (ADR 0013).
 */
@Singleton
class LimitsRefreshJob {
    private static final Logger LOG = LoggerFactory.getLogger(LimitsRefreshJob.class);
    private final ProxyLimitsUseCase limits;

    LimitsRefreshJob(ProxyLimitsUseCase limits) {
        this.limits = limits;
    }

    @Scheduled(initialDelay = "${tollgate.proxy.limits-refresh-interval:30s}", fixedDelay = "${tollgate.proxy.limits-refresh-interval:30s}")
    void refresh() {
        try {
            limits.refreshAll();
        } catch (RuntimeException e) {
            LOG.warn("Could not refresh the proxy's limits; the copies held stay in force", e);
        }
    }
}

package dev.tollgate.webhooks.adapters.in.schedule;

import dev.tollgate.webhooks.application.port.in.NotifyEntitlementsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the watched entitlements every {@code tollgate.notifications.balance-interval} (ADR 0051): usage arrives as
 * events, so a balance is judged when it is looked at, never once per ingested event. A new usage period counts as a
 * scheduled reset when it began since the previous look, or within {@code lookback} of a node's first look (a restart
 * shorter than that misses none; the dedupe keys make looking twice harmless). Several nodes may look at once.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class BalanceWatch {
    private static final Logger LOG = LoggerFactory.getLogger(BalanceWatch.class);
    private final NotifyEntitlementsUseCase notify;
    private final Clock clock;
    private final Duration lookback;
    private Instant lastLook;

    BalanceWatch(NotifyEntitlementsUseCase notify, Clock clock, @Value("${tollgate.notifications.reset-lookback:1h}") Duration lookback) {
        this.notify = notify;
        this.clock = clock;
        this.lookback = lookback;
    }

    @Scheduled(initialDelay = "${tollgate.notifications.balance-interval:10s}", fixedDelay = "${tollgate.notifications.balance-interval:10s}")
    synchronized void look() {
        Instant now = clock.instant();
        Instant since = lastLook == null ? now.minus(lookback) : lastLook.minus(Duration.ofMinutes(1));
        java.util.Set<UUID> namespaces;
        try {
            namespaces = notify.watchedNamespaces();
        } catch (RuntimeException e) {
            LOG.warn("Entitlement notification watch could not read its rules; the next look retries", e);
            return;
        }
        int raised = 0;
        boolean complete = true;
        for (UUID namespace : namespaces) {
            try {
                raised += notify.watch(namespace, since);
            } catch (RuntimeException e) {
                complete = false; // one namespace's failure must not silence the others; this one is looked at again
                LOG.warn("Entitlement notification watch of namespace {} failed; the next look retries", namespace, e);
            }
        }
        if (complete) {
            lastLook = now;
        }
        if (raised > 0) {
            LOG.debug("Raised {} entitlement notifications", raised);
        }
    }
}

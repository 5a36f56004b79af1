package dev.tollgate.webhooks.adapters.in.schedule;

import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase;
import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase.Turn;
import dev.tollgate.webhooks.domain.DeliveriesEnqueued;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the delivery worker on a thread of its own (ADR 0048): a turn as soon as deliveries are queued (woken after
 * their transaction commits) or an answer arrives, else every {@code tollgate.webhooks.poll-interval} (retries that
 * come due, other nodes' work); while busy, turns at least {@code tollgate.webhooks.turn-window} apart unless the last
 * one claimed a full batch. Publishes the queue's figures to {@code /metrics}.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
class DeliveryLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private final DeliverWebhooksUseCase worker;
    private final Duration pollInterval;
    /**
     * After a turn that found little to do, the next one waits this long: answers arriving meanwhile are recorded
     * together (one transaction for many instead of one each), at the cost of this much delay to their records.
     */
    private final Duration turnWindow;
    private final Semaphore wakeUps = new Semaphore(0);
    private final Counter delivered;
    private final Counter failed;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueMillis = new AtomicLong();
    private volatile boolean running;
    private Thread thread;

    DeliveryLoop(DeliverWebhooksUseCase worker, MeterRegistry metrics, @Value("${tollgate.webhooks.poll-interval:250ms}") Duration pollInterval,
                 @Value("${tollgate.webhooks.turn-window:20ms}") Duration turnWindow) {
        this.worker = worker;
        this.pollInterval = pollInterval;
        this.turnWindow = turnWindow;
        this.delivered = Counter.builder("tollgate.webhooks.attempts").tag("outcome", "delivered")
                .description("Webhook attempts the endpoint accepted (2xx)").register(metrics);
        this.failed = Counter.builder("tollgate.webhooks.attempts").tag("outcome", "failed")
                .description("Webhook attempts that failed (non-2xx, timeout, refused address)").register(metrics);
        Gauge.builder("tollgate.webhooks.queue.due", due, AtomicLong::get)
                .description("Pending webhook deliveries whose time has come").register(metrics);
        Gauge.builder("tollgate.webhooks.queue.oldest.seconds", oldestDueMillis, v -> v.get() / 1000.0)
                .description("How long the oldest due webhook delivery has waited (queue lag)").register(metrics);
        Gauge.builder("tollgate.webhooks.in.flight", worker, DeliverWebhooksUseCase::inFlight)
                .description("Webhook attempts sent and not yet answered").register(metrics);
    }

    @EventListener
    void start(StartupEvent started) {
        running = true;
        thread = new Thread(this, "webhook-delivery");
        thread.setDaemon(true);
        thread.start();
    }

    @EventListener
    void stop(ShutdownEvent stopping) {
        running = false;
        wake();
    }

    @TransactionalEventListener
    void queued(DeliveriesEnqueued event) {
        wake();
    }

    void wake() {
        wakeUps.release();
    }

    @Override
    public void run() {
        long nextBacklog = 0;
        while (running) {
            try {
                Turn turn = worker.turn(this::wake);
                delivered.increment(turn.delivered());
                failed.increment(turn.failedAttempts());
                if (System.nanoTime() - nextBacklog > 0) {
                    var backlog = worker.backlog();
                    due.set(backlog.due());
                    oldestDueMillis.set(backlog.oldestDueAge().toMillis());
                    nextBacklog = System.nanoTime() + BACKLOG_REFRESH.toNanos();
                }
                if (turn.idle()) {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                } else if (!turn.full()) {
                    Thread.sleep(turnWindow.toMillis());
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // the data source closed under a last turn
                }
                LOG.warn("Webhook delivery turn failed; trying again shortly", e);
                sleepQuietly(Duration.ofSeconds(1));
            }
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.tollgate.webhooks.adapters.in.schedule;

import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase;
import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase.Dispatch;
import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase.Recorded;
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
 * Drives the delivery worker on two threads of its own (ADR 0048, ADR 0050). The sending thread claims and sends as
 * soon as deliveries are queued (woken after their transaction commits), else every
 * {@code tollgate.webhooks.poll-interval} (retries that come due, other nodes' work); it never waits for answers to be
 * written, so a fresh event's deliveries are on the wire within a claim's round trip of their commit. The recording
 * thread writes answers: after the first one arrives it waits {@code tollgate.webhooks.turn-window} for more, so answers
 * are recorded many per transaction. Publishes the queue's figures to {@code /metrics}.
 */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
class DeliveryLoop {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private final DeliverWebhooksUseCase worker;
    private final Duration pollInterval;
    /**
     * How long the recorder gathers answers after the first: one transaction for many instead of one each, at the cost
     * of this much delay to their records (not to any send). Also how soon a sender held back by
     * {@code max-in-flight} looks again for room.
     */
    private final Duration turnWindow;
    /** Released when deliveries were committed (or room freed): the sender's wake-ups. */
    private final Semaphore queuedWakeUps = new Semaphore(0);
    /** Released as each answer arrives: the recorder's wake-ups. */
    private final Semaphore answerWakeUps = new Semaphore(0);
    private final Counter delivered;
    private final Counter failed;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong oldestDueMillis = new AtomicLong();
    private volatile boolean running;

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
        startThread("webhook-delivery", this::sendLoop);
        startThread("webhook-recording", this::recordLoop);
    }

    @EventListener
    void stop(ShutdownEvent stopping) {
        running = false;
        queuedWakeUps.release();
        answerWakeUps.release();
    }

    @TransactionalEventListener
    void queued(DeliveriesEnqueued event) {
        queuedWakeUps.release();
    }

    private void sendLoop() {
        long nextBacklog = 0;
        while (running) {
            try {
                Dispatch dispatch = worker.dispatch(answerWakeUps::release);
                if (System.nanoTime() - nextBacklog > 0) {
                    var backlog = worker.backlog();
                    due.set(backlog.due());
                    oldestDueMillis.set(backlog.oldestDueAge().toMillis());
                    nextBacklog = System.nanoTime() + BACKLOG_REFRESH.toNanos();
                }
                if (dispatch.full() && !dispatch.starved()) {
                    continue; // a whole batch: more is probably due
                }
                // Held back by max-in-flight: look again once the recorder has had a window to free room.
                Duration wait = dispatch.starved() ? turnWindow : pollInterval;
                queuedWakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                queuedWakeUps.drainPermits(); // the next dispatch sees everything committed before it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!failedWhileRunning("Webhook dispatch", e)) {
                    return;
                }
            }
        }
    }

    private void recordLoop() {
        while (running) {
            try {
                if (answerWakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS)) {
                    Thread.sleep(turnWindow.toMillis()); // gather the answers arriving meanwhile
                    answerWakeUps.drainPermits();
                }
                Recorded recorded = worker.recordAnswered(); // also, after a failed recording, what it left
                delivered.increment(recorded.delivered());
                failed.increment(recorded.failedAttempts());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!failedWhileRunning("Webhook recording", e)) {
                    return;
                }
            }
        }
    }

    /** Logs and pauses a second; false when the node is stopping (the data source closed under a last step). */
    private boolean failedWhileRunning(String what, RuntimeException e) {
        if (!running) {
            return false;
        }
        LOG.warn("{} failed; trying again shortly", what, e);
        try {
            Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    private static void startThread(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }
}

package dev.tollgate.testing.stripe;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Posts events to webhook endpoints on a background thread, signed like Stripe ({@link EventSigner}, a fresh
 * timestamp per attempt), retrying a non-2xx or unreachable endpoint after a short, doubling backoff until
 * {@code maxAttempts}. Tests wait with {@link #awaitIdle(Duration)} and read {@link #deliveries()}.
 */
final class WebhookSender implements AutoCloseable {
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fake-stripe-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, WebhookDelivery> deliveries = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final Object idle = new Object();
    private int pending;

    WebhookSender(int maxAttempts, Duration firstBackoff) {
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
    }

    /** Queues one event for one endpoint; the payload is sent byte for byte as given. */
    void send(String eventId, String eventType, String endpointId, String url, String secret, String payload) {
        String key = eventId + "→" + endpointId;
        deliveries.put(key, new WebhookDelivery(eventId, eventType, endpointId, url, 0, 0, false, false));
        synchronized (idle) {
            order.add(key);
            pending++;
        }
        executor.execute(() -> attempt(key, secret, payload));
    }

    private void attempt(String key, String secret, String payload) {
        WebhookDelivery before = deliveries.get(key);
        int status = post(before.url(), secret, payload);
        int attempts = before.attempts() + 1;
        boolean delivered = status >= 200 && status < 300;
        boolean finished = delivered || attempts >= maxAttempts;
        deliveries.put(key, new WebhookDelivery(before.eventId(), before.eventType(), before.endpointId(),
                before.url(), attempts, status, delivered, finished));
        if (finished) {
            synchronized (idle) {
                pending--;
                idle.notifyAll();
            }
        } else {
            long delay = firstBackoff.toMillis() << (attempts - 1);
            executor.schedule(() -> attempt(key, secret, payload), delay, TimeUnit.MILLISECONDS);
        }
    }

    private int post(String url, String secret, String payload) {
        try {
            long now = System.currentTimeMillis() / 1000;
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
                    .header("Stripe-Signature", EventSigner.header(secret, now, payload))
                    .POST(HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            return 0;
        }
    }

    /** Waits until every queued delivery is finished; false when the timeout came first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
            return true;
        }
    }

    /** Every delivery so far, in the order the events were sent. */
    List<WebhookDelivery> deliveries() {
        synchronized (idle) {
            return order.stream().map(deliveries::get).toList();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

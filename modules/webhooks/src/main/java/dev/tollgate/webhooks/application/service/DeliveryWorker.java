package dev.tollgate.webhooks.application.service;

import dev.tollgate.webhooks.application.port.in.DeliverWebhooksUseCase;
import dev.tollgate.webhooks.application.port.out.DeliveryStore;
import dev.tollgate.webhooks.domain.Backlog;
import dev.tollgate.webhooks.application.port.out.DeliveryStore.Outcome;
import dev.tollgate.webhooks.application.port.out.EndpointStore;
import dev.tollgate.webhooks.application.port.out.WebhookSettings;
import dev.tollgate.webhooks.application.port.out.WebhookTransport;
import dev.tollgate.webhooks.domain.AttemptVerdict;
import dev.tollgate.webhooks.domain.Delivery;
import dev.tollgate.webhooks.domain.Endpoint;
import dev.tollgate.webhooks.domain.MessageSignature;
import dev.tollgate.webhooks.domain.RetryPolicy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries and records what happened (ADR 0048). A pipeline rather than rounds: up to
 * {@code tollgate.webhooks.max-in-flight} attempts are on the wire at once, each recorded in a batch after its answer
 * arrives, so a slow endpoint holds one slot, not a round. Sending and recording are separate steps, driven from
 * separate threads (ADR 0050): fresh deliveries are claimed and sent while earlier answers are being written. A claim
 * leases the delivery ({@code tollgate.webhooks.lease}, longer than the request timeout): a crash between sending and
 * recording sends it again after the lease, with the same {@code webhook-id}.
 */
@Singleton
final class DeliveryWorker implements DeliverWebhooksUseCase {
    static final String USER_AGENT = "Tollgate-Webhooks/1.0";
    private final DeliveryStore deliveries;
    private final EndpointStore endpoints;
    private final WebhookTransport transport;
    private final RetryPolicy retries;
    private final Clock clock;
    private final int maxInFlight;
    private final int batch;
    private final Duration lease;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Outcome> answered = new ConcurrentLinkedQueue<>();
    static final Duration ENDPOINT_FRESHNESS = Duration.ofSeconds(1);
    /** Only the sending thread touches it (dispatches do not overlap). */
    private final Map<Long, Endpoint> endpointCache = new java.util.HashMap<>();
    private long endpointsReadAt = System.nanoTime();

    DeliveryWorker(DeliveryStore deliveries, EndpointStore endpoints, WebhookTransport transport, Clock clock, WebhookSettings settings) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.transport = transport;
        this.clock = clock;
        this.retries = new RetryPolicy(settings.retryDelays(), 0.2);
        this.maxInFlight = settings.maxInFlight();
        this.batch = settings.claimBatch();
        this.lease = settings.lease();
    }

    @Override
    public Dispatch dispatch(Runnable whenAnswered) {
        int room = Math.min(batch, maxInFlight - inFlight.get());
        if (room <= 0) {
            return new Dispatch(0, false, true);
        }
        List<Delivery> due = deliveries.claimDue(clock.instant(), room, lease);
        Map<Long, Endpoint> owners = owners(due.stream().map(Delivery::endpointId).distinct().toList());
        int sent = 0;
        for (Delivery d : due) {
            Endpoint endpoint = owners.get(d.endpointId());
            if (endpoint == null) {
                continue; // deleted meanwhile: its deliveries went with it
            }
            inFlight.incrementAndGet();
            send(d, endpoint).thenAccept(outcome -> {
                answered.add(outcome);
                whenAnswered.run();
            });
            sent++;
        }
        return new Dispatch(sent, due.size() == room, room < batch);
    }

    @Override
    public Recorded recordAnswered() {
        List<Outcome> done = new ArrayList<>();
        for (Outcome o; (o = answered.poll()) != null; ) {
            done.add(o);
        }
        if (done.isEmpty()) {
            return new Recorded(0, 0, 0);
        }
        try {
            deliveries.record(done);
        } catch (RuntimeException e) {
            answered.addAll(done); // recorded on a later try; until then their leases keep them from being sent again
            throw e;
        }
        inFlight.addAndGet(-done.size());
        int delivered = (int) done.stream().filter(o -> o.result().succeeded()).count();
        return new Recorded(done.size(), delivered, done.size() - delivered);
    }

    /**
     * The endpoints of a dispatch's deliveries, read at most once a second ({@link #ENDPOINT_FRESHNESS}): a busy sender
     * would otherwise open every endpoint's secret again. A changed URL or secret applies to sends within a second;
     * a rotated-out secret keeps signing for a day anyway.
     */
    private Map<Long, Endpoint> owners(List<Long> ids) {
        long now = System.nanoTime();
        if (now - endpointsReadAt > ENDPOINT_FRESHNESS.toNanos()) {
            endpointCache.clear();
            endpointsReadAt = now;
        }
        List<Long> missing = ids.stream().filter(id -> !endpointCache.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            endpointCache.putAll(endpoints.byIds(missing));
        }
        Map<Long, Endpoint> owners = new java.util.HashMap<>();
        ids.forEach(id -> {
            Endpoint e = endpointCache.get(id);
            if (e != null) {
                owners.put(id, e);
            }
        });
        return owners;
    }

    @Override
    public Delivery deliverNow(Delivery delivery) {
        Endpoint endpoint = endpoints.byIds(List.of(delivery.endpointId())).get(delivery.endpointId());
        Outcome outcome = send(delivery, endpoint).join();
        deliveries.record(List.of(outcome));
        return deliveries.find(delivery.id()).orElseThrow();
    }

    @Override
    public Backlog backlog() {
        return deliveries.backlog(clock.instant());
    }

    @Override
    public int inFlight() {
        return inFlight.get();
    }

    private java.util.concurrent.CompletableFuture<Outcome> send(Delivery d, Endpoint endpoint) {
        Instant attemptedAt = clock.instant();
        long timestamp = attemptedAt.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>(endpoint.customHeaders());
        headers.put("content-type", "application/json");
        headers.put("user-agent", USER_AGENT);
        headers.put("webhook-id", d.messageId());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", MessageSignature.header(endpoint.signingSecrets(attemptedAt), d.messageId(), timestamp, d.payload()));
        int attempt = d.attempts() + 1;
        return transport.post(endpoint.url(), headers, d.payload()).thenApply(result -> new Outcome(d, attempt, endpoint.url(), attemptedAt,
                result, AttemptVerdict.of(result, attempt, endpoint.maxAttempts(), retries, clock.instant(), ThreadLocalRandom.current())));
    }

}

package dev.tollgate.webhooks.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.webhooks.domain.AttemptResult;
import dev.tollgate.webhooks.domain.AttemptVerdict;
import dev.tollgate.webhooks.domain.Backlog;
import dev.tollgate.webhooks.domain.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The durable delivery queue (ADR 0048). */
public interface DeliveryStore {
    /**
     * A delivery to create; {@code source} (may be null) makes it unique per endpoint, so a repeated source adds
     * nothing. {@code payload} (maps, lists, records) is written as JSON once, and those exact bytes are signed and sent.
     */
    record NewDelivery(long endpointId, String messageId, String source, String eventType, Object payload, Instant dueAt) {
    }

    /** The attempt to record for a claimed delivery, and what it means. */
    record Outcome(Delivery delivery, int attemptNumber, String url, Instant attemptedAt, AttemptResult result, AttemptVerdict verdict) {
    }


    /**
     * Creates the deliveries, due at once unless they say otherwise, in the caller's transaction; those whose source an
     * endpoint already has are skipped. The worker is woken when the transaction commits.
     */
    void enqueue(List<NewDelivery> deliveries);

    /** One delivery, created at once (a test send), not due: the caller sends it. */
    Delivery enqueueOne(NewDelivery delivery);

    /**
     * Takes up to {@code max} due deliveries of active endpoints, oldest due first, and moves their due time
     * {@code lease} ahead: another worker does not take them meanwhile, and one that crashed mid-send leaves them due
     * again when the lease ends (then they are sent again, with the same message id).
     */
    List<Delivery> claimDue(Instant now, int max, Duration lease);

    /**
     * Records attempts in one transaction: the attempt log, each delivery's status and next attempt, and each
     * endpoint's last status, breaker count (opening it at the threshold) and 410-disabling. An outcome whose delivery
     * changed since its attempt began (a resend queued it again) is dropped: the resend stands.
     */
    void record(List<Outcome> outcomes);

    Optional<Delivery> find(long endpointId, long deliveryId);

    /** A delivery by id with its endpoint's id, whoever owns it: the caller checks the endpoint's tenant. */
    Optional<Delivery> find(long deliveryId);

    /** Newest first. */
    Page<Delivery> ofEndpoint(long endpointId, PageRequest page);

    /** Makes a final delivery due again at {@code now}, marked as resent by hand. */
    Delivery resend(long deliveryId, Instant now);

    Backlog backlog(Instant now);

    /** Every delivery a source caused (one per endpoint), oldest first. */
    List<Delivery> ofSource(String source);

    /** The attempt log of these deliveries, by delivery, each oldest first. */
    java.util.Map<Long, List<dev.tollgate.webhooks.domain.Attempt>> attempts(java.util.Collection<Long> deliveryIds);

    /** Makes a delivery due again at {@code dueAt} for the worker to send, marked as resent by hand. */
    Delivery resendAt(long deliveryId, Instant dueAt);
}

package dev.tollgate.billing.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Verified Stripe webhook events, kept before they are acknowledged and processed once each. */
public interface StripeEventStore {
    record Key(UUID appId, String eventId) {
    }

    record Stored(UUID appId, String eventId, UUID namespace, String type, String payload, int attempts, Instant processedAt, String outcome) {
    }

    /** False when the event was stored before (a replay: nothing to do again). */
    boolean insertIfNew(UUID appId, String eventId, UUID namespace, String type, String payload, Instant receivedAt);

    /** Pending events whose next attempt is due, oldest first (not locked: {@link #lockPending} takes each). */
    List<Key> due(Instant now, int limit);

    /** The event, row-locked, if still pending and not locked by another worker. */
    Optional<Stored> lockPending(Key key);

    Optional<Stored> find(Key key);

    void processed(Key key, String outcome, Instant at);

    /** A failed attempt: tried again at {@code nextAttemptAt}, or given up ({@code nextAttemptAt} null) with the outcome. */
    void failed(Key key, String outcome, Instant nextAttemptAt, Instant at);
}

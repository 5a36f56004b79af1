package dev.tollgate.billing.domain.subscription;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One rate card of a phase for a stretch of time. {@code activeTo} null means "until the phase ends"; an item removed
 * by an edit gets an end, one added gets a later start, so a phase's items for one key form its timeline.
 */
public record SubscriptionItem(UUID id, String key, Map<String, Object> rateCard, Instant activeFrom, Instant activeTo, Instant createdAt,
                               Instant updatedAt) {

    public SubscriptionItem endedAt(Instant at) {
        return new SubscriptionItem(id, key, rateCard, activeFrom, at, createdAt, at);
    }

    /** Active at {@code t} within a phase ending at {@code phaseEnd} (null: never). */
    boolean activeAt(Instant t, Instant phaseEnd) {
        Instant end = activeTo == null ? phaseEnd : phaseEnd == null || activeTo.isBefore(phaseEnd) ? activeTo : phaseEnd;
        return !t.isBefore(activeFrom) && (end == null || t.isBefore(end));
    }
}

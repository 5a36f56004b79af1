package dev.tollgate.webhooks.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OpenMeter notification event (ADR 0049): what one rule raised for one occurrence, with the payload every channel
 * receives ({@code {id, type, timestamp, data}}) and the channels it went to.
 */
public record NotificationEvent(UUID id, UUID namespace, UUID ruleId, String type, Map<String, Object> payload, UUID featureId,
                                String featureKey, String subjectKey, List<UUID> channels, String dedupeKey, Instant createdAt) {
    public NotificationEvent {
        channels = List.copyOf(channels);
    }

    /** The source of its deliveries: one per channel. */
    public String source() {
        return "notification:" + id;
    }
}

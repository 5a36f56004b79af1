package dev.tollgate.webhooks.application.port.in;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Turns an entitlement event of a workspace into deliveries to that workspace's php-tenant webhooks (ADR 0048). */
public interface RaiseEntitlementEventsUseCase {
    /**
     * Queues one delivery per active webhook of the organization subscribed to {@code eventType}, in the caller's
     * transaction; {@code sourceId} (the outbox event's id) makes a repeated call add nothing.
     */
    void raise(UUID sourceId, String organizationPublicId, String eventType, Instant occurredAt, Map<String, Object> data);
}

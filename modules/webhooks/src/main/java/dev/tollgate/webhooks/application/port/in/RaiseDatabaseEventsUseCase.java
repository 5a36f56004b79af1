package dev.tollgate.webhooks.application.port.in;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Turns an event of a PlanetScale database into deliveries to that database's webhooks (ADR 0048, ADR 0056). */
public interface RaiseDatabaseEventsUseCase {
    /**
     * Queues one delivery per active webhook of the database ({@code scope}: its project id) subscribed to
     * {@code eventType}, in the caller's transaction; {@code sourceId} (the outbox event's id) makes a repeat add nothing.
     *
     * @param resource the object the event is about, as PlanetScale's API shows it (a Branch)
     */
    void raise(UUID sourceId, UUID organizationId, String scope, String database, String eventType, Instant occurredAt,
               Map<String, Object> resource);
}

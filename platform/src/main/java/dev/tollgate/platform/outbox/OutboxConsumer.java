package dev.tollgate.platform.outbox;

import java.util.UUID;

/**
 * A reaction to an outbox event. Delivery is at least once: a consumer is idempotent by event id (the relay records
 * each delivery, and a consumer that writes to the database in {@link #deliver} does so in the transaction that records
 * it, so its effect happens once).
 */
public interface OutboxConsumer<E extends Record> {
    /** Who receives an event. */
    enum Scope {
        /** Every node, from its start (what a node holds in memory: caches, limits). Nothing to catch up after a restart. */
        NODE,
        /** One node of the cluster, every event ever published (effects outside memory: writes, webhooks). */
        CLUSTER
    }

    /** A stable name: the relay remembers deliveries by it. */
    String name();

    Class<E> eventType();

    Scope scope();

    /** Throwing leaves the event undelivered: it and the aggregate's later events are retried on the next round. */
    void deliver(UUID eventId, E event);
}

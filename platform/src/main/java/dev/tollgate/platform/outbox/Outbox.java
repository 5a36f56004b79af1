package dev.tollgate.platform.outbox;

/**
 * Where a use case announces a domain event that leaves its module (ADR 0028). The event is written in the caller's
 * transaction, so it exists exactly when the change it announces committed; the relay hands it to every
 * {@link OutboxConsumer} after commit, at least once, in order per aggregate. Call it after the change is written: the
 * aggregate's row lock then orders its events.
 */
public interface Outbox {
    /**
     * @param aggregate what the event is about (e.g. an organization's public id): events of one aggregate are
     *                  delivered in the order they were published
     * @param event     a record from a module's {@code api.events}, serializable by Micronaut Serde
     */
    void publish(String aggregate, Record event);

    /**
     * Several events of one aggregate, in this order, as if published one after the other, written at once (one round
     * trip to the database instead of one per event).
     */
    void publishAll(String aggregate, java.util.List<? extends Record> events);
}

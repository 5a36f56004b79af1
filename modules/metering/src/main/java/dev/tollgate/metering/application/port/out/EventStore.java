package dev.tollgate.metering.application.port.out;

import dev.tollgate.metering.application.port.in.IngestEventsUseCase.EventFilter;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.IngestedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.tollgate.metering.domain.TextFilter;
import java.util.UUID;

/** Where events live. The PostgreSQL adapter is the default; ADR 0008 says how the same port scales further out. */
public interface EventStore {

    /**
     * Inserts the events not stored yet (by source and id) in a transaction of its own, durable on return (possibly
     * shared with concurrent appends); returns how many were new. Call it outside any transaction: it does not join one.
     */
    int append(UUID namespace, List<CloudEvent> events, Instant ingestedAt);

    /** Inserts the events not stored yet in the caller's transaction: they commit or roll back with it. */
    int appendWithin(UUID namespace, List<CloudEvent> events, Instant ingestedAt);

    List<IngestedEvent> list(UUID namespace, EventFilter filter);

    /** Newest first, strictly after {@code after} in that order (null: from the newest). */
    List<IngestedEvent> page(UUID namespace, EventPosition after, int limit, Map<String, TextFilter> filters);

    /** Events with {@code time >= since}, counted by subject and type. */
    List<EventCount> countSince(UUID namespace, Instant since);

    record EventCount(String subject, String type, long count) {
    }

    /** Where a page ended: the last event's time, id and source. */
    record EventPosition(Instant time, String id, String source) {
    }
}

package dev.tollgate.metering.application.port.in;

import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.IngestedEvent;
import dev.tollgate.tenancy.api.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import dev.tollgate.metering.domain.TextFilter;

/** OpenMeter's events: ingest into the caller's namespace (deduplicated on source and id) and list them back. */
public interface IngestEventsUseCase {

    /** Stores the events durably before returning; duplicates (same source and id) are accepted and ignored. */
    void ingest(Caller caller, List<CloudEvent> events);

    /** Newest first. {@code idContains} and {@code subjectContains} match partially; {@code from} defaults to 72 h ago. */
    List<IngestedEvent> list(Caller caller, EventFilter filter);

    /**
     * Cursor pagination over {@code time DESC, id DESC}: a page of at most {@code limit} events after {@code cursor}
     * (null for the first page) matching every filter (keys id, source, subject, type, time, ingestedAt, customerId).
     */
    EventPage listV2(Caller caller, String cursor, int limit, Map<String, TextFilter> filters);

    record EventPage(List<IngestedEvent> items, String nextCursor) {
    }

    /**
     * {@code customerIds}: only events of these customers (ULIDs; each must exist), that is, events whose subject is
     * one of their keys or subject keys; empty for no restriction. {@code subjectsIn} is what the service resolves them
     * to for the store (null for no restriction).
     */
    record EventFilter(Instant from, Instant to, Instant ingestedAtFrom, Instant ingestedAtTo, String idContains,
                       String subjectContains, List<String> customerIds, java.util.Set<String> subjectsIn, int limit) {
        public EventFilter {
            customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
            subjectsIn = subjectsIn == null ? null : java.util.Set.copyOf(subjectsIn);
        }
    }
}

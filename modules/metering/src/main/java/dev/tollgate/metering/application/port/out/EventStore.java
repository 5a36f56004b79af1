package dev.tollgate.metering.application.port.out;

import dev.tollgate.metering.application.port.in.IngestEventsUseCase.EventFilter;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.IngestedEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Where events live. The PostgreSQL adapter is the default; ADR 0008 says how the same port scales further out. */
public interface EventStore {

    /** Inserts the events not stored yet (by source and id) in one durable transaction; returns how many were new. */
    int append(UUID namespace, List<CloudEvent> events, Instant ingestedAt);

    List<IngestedEvent> list(UUID namespace, EventFilter filter);
}

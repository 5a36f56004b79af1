package dev.tollgate.metering.application.port.out;

import dev.tollgate.metering.domain.IngestedEvent;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Aggregations over a meter's events, computed where the events are. */
public interface UsageQueries {

    List<MeterQueryRow> aggregate(UUID namespace, Meter meter, MeterQuery query);

    List<String> distinctSubjects(UUID namespace, Meter meter, Instant from, Instant to);

    List<String> distinctGroupValues(UUID namespace, Meter meter, String path, Instant from, Instant to);

    /**
     * What each meter's value property finds in each of the events (those of the meter's event type): the JSON type
     * and the value as text, both null when the path finds nothing.
     */
    List<MeterValue> meterValues(UUID namespace, List<IngestedEvent> events, List<Meter> meters);

    record MeterValue(String source, String id, String meterSlug, String jsonType, String text) {
    }

    /** Null when {@code path} is a JSONPath the store can evaluate, else why not. */
    String checkJsonPath(String path);
}

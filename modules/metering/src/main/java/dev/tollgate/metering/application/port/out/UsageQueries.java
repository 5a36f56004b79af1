package dev.tollgate.metering.application.port.out;

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

    /** Null when {@code path} is a JSONPath the store can evaluate, else why not. */
    String checkJsonPath(String path);
}

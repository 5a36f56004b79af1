package dev.tollgate.metering.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other modules may ask of metering: append events to a namespace, and read a meter's daily totals. The
 * platform's own usage (the proxy's queries, bytes and connection time) goes to {@link #SYSTEM_NAMESPACE}, whose
 * customers are the organizations.
 */
public interface MeteringApi {
    /** The platform operator's namespace: the meters of what Tollgate itself sells. Not an organization's id. */
    UUID SYSTEM_NAMESPACE = dev.tollgate.tenancy.api.TenancyApi.SYSTEM_NAMESPACE;

    /**
     * Stores the events not stored yet (by source and id) in one durable transaction; on return they are committed.
     * Sending the same batch again after a failure counts nothing twice.
     */
    void ingest(UUID namespace, List<Event> events);

    /**
     * Stores the events not stored yet in the caller's transaction, so they stand or fall with the caller's own writes
     * (a usage recording checked against a limit under a lock). Needs a transaction.
     */
    void ingestWithin(UUID namespace, List<Event> events);

    /** A CloudEvent; {@code dataJson} is the event's data as a JSON object text. */
    record Event(String id, String source, String type, String subject, Instant time, String dataJson) {
    }

    /** A live meter of the namespace by slug: what other modules may know of it. */
    java.util.Optional<MeterInfo> findMeter(UUID namespace, String slug);

    /**
     * @param valueProperty the JSONPath into an event's data that the meter aggregates; null for COUNT
     * @param groupBy       dimension name → JSONPath into an event's data
     */
    record MeterInfo(String slug, String aggregation, String eventType, String valueProperty, Map<String, String> groupBy) {
        public java.util.Set<String> groupByKeys() {
            return groupBy.keySet();
        }
    }

    /**
     * The meter's value per UTC day in [from, to), for the given subjects (all when empty), keeping only events whose
     * groupBy values equal {@code groupValues}, split by the groupBy keys in {@code groupBy}. Days without events are
     * absent.
     */
    List<DailyValue> dailyTotals(UUID namespace, String meterSlug, Instant from, Instant to, List<String> subjects,
                                 Map<String, String> groupValues, List<String> groupBy);

    record DailyValue(Instant day, Map<String, String> groupBy, BigDecimal value) {
    }

    /**
     * The meter's value over [from, to) for the subjects (all when empty), counting only events whose groupBy values
     * pass {@code filters} (OpenMeter filter objects by groupBy key, e.g. {@code {"model": {"$eq": "gpt-4"}}}): one
     * value for the whole range when {@code windowSize} is null, else one per window (MINUTE, HOUR, DAY, MONTH) in
     * {@code zone}. Windows without events are absent; a range without events gives an empty list.
     */
    List<WindowValue> usage(UUID namespace, String meterSlug, Instant from, Instant to, String windowSize, java.time.ZoneId zone,
                            List<String> subjects, Map<String, Object> filters);

    /** One total asked of {@link #totals}: what {@link #usage} with no window sums, for one meter and range. */
    record TotalAsk(String meterSlug, Instant from, Instant to, List<String> subjects, Map<String, Object> filters) {
    }

    /**
     * Several totals at once (an invoice's usage lines): the meters are resolved in one read, then each total is what
     * {@link #usage} over [from, to) with no window sums to (zero without events). In the order asked; an unknown meter
     * is not-found, as for {@link #usage}.
     */
    List<BigDecimal> totals(UUID namespace, List<TotalAsk> asks);

    record WindowValue(Instant from, Instant to, BigDecimal value) {
    }
}

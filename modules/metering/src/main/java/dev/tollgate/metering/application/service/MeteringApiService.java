package dev.tollgate.metering.application.service;

import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.metering.application.port.out.MeterStore;
import dev.tollgate.metering.application.port.out.UsageQueries;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.TextFilter;
import dev.tollgate.metering.domain.WindowSize;
import dev.tollgate.platform.domain.NotFoundException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Metering for other modules: trusted callers that name the namespace themselves (no caller to authorize). */
@Singleton
class MeteringApiService implements MeteringApi {
    private final EventService events;
    private final MeterStore meters;
    private final UsageQueries usage;

    MeteringApiService(EventService events, MeterStore meters, UsageQueries usage) {
        this.events = events;
        this.meters = meters;
        this.usage = usage;
    }

    /** Not transactional: the store commits the events itself (EventStore.append). */
    @Override
    public void ingest(UUID namespace, List<Event> batch) {
        if (!batch.isEmpty()) {
            events.append(namespace, cloudEvents(batch));
        }
    }

    @Override
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void ingestWithin(UUID namespace, List<Event> batch) {
        if (!batch.isEmpty()) {
            events.appendWithin(namespace, cloudEvents(batch));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public java.util.Optional<MeterInfo> findMeter(UUID namespace, String slug) {
        return meters.findLiveBySlug(namespace, slug)
                .map(m -> new MeterInfo(m.slug(), m.aggregation().name(), m.eventType(), m.valueProperty(), m.groupBy()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<DailyValue> dailyTotals(UUID namespace, String meterSlug, Instant from, Instant to, List<String> subjects,
                                        Map<String, String> groupValues, List<String> groupBy) {
        Meter meter = meters.findLiveBySlug(namespace, meterSlug).orElseThrow(() -> NotFoundException.of("Meter", meterSlug));
        Map<String, TextFilter> filters = new LinkedHashMap<>();
        groupValues.forEach((key, value) -> filters.put(key, new TextFilter.Compare("$eq", value)));
        MeterQuery query = new MeterQuery(from, to, WindowSize.DAY, ZoneOffset.UTC, subjects, groupBy, filters, List.of())
                .against(meter);
        return usage.aggregate(namespace, meter, query).stream()
                .map(row -> new DailyValue(row.windowStart(), groupBy.isEmpty() ? Map.of() : row.groupBy(), row.value()))
                .toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<WindowValue> usage(UUID namespace, String meterSlug, Instant from, Instant to, String windowSize, java.time.ZoneId zone,
                                   List<String> subjects, Map<String, Object> filters) {
        Meter meter = meters.findLiveBySlug(namespace, meterSlug).orElseThrow(() -> NotFoundException.of("Meter", meterSlug));
        return windows(namespace, meter, from, to, windowSize, zone, subjects, filters);
    }

    @Override
    @Transactional(readOnly = true)
    public List<java.math.BigDecimal> totals(UUID namespace, List<TotalAsk> asks) {
        Map<String, Meter> bySlug = new java.util.HashMap<>();
        meters.findLiveBySlugs(namespace, asks.stream().map(TotalAsk::meterSlug).distinct().toList()).forEach(m -> bySlug.put(m.slug(), m));
        List<java.math.BigDecimal> totals = new java.util.ArrayList<>();
        for (TotalAsk ask : asks) {
            Meter meter = bySlug.get(ask.meterSlug());
            if (meter == null) {
                throw NotFoundException.of("Meter", ask.meterSlug());
            }
            totals.add(windows(namespace, meter, ask.from(), ask.to(), null, ZoneOffset.UTC, ask.subjects(), ask.filters()).stream()
                    .map(WindowValue::value).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add));
        }
        return totals;
    }

    /** The meter's values per window (one value for the range when {@code windowSize} is null), subjects summed. */
    private List<WindowValue> windows(UUID namespace, Meter meter, Instant from, Instant to, String windowSize, java.time.ZoneId zone,
                                    List<String> subjects, Map<String, Object> filters) {
        Map<String, TextFilter> parsed = new LinkedHashMap<>();
        filters.forEach((key, filter) -> parsed.put(key, TextFilter.parse("filterGroupBy." + key, filter)));
        MeterQuery query = new MeterQuery(from, to, windowSize == null ? null : WindowSize.valueOf(windowSize), zone, subjects, List.of(),
                parsed, List.of()).against(meter);
        // Naming subjects splits rows by subject; a caller asking for several subjects (one customer's) wants their sum.
        Map<List<Instant>, java.math.BigDecimal> byWindow = new LinkedHashMap<>();
        for (var row : usage.aggregate(namespace, meter, query)) {
            byWindow.merge(java.util.Arrays.asList(row.windowStart(), row.windowEnd()), row.value(), java.math.BigDecimal::add);
        }
        return byWindow.entrySet().stream().map(e -> new WindowValue(e.getKey().get(0), e.getKey().get(1), e.getValue()))
                .sorted(java.util.Comparator.comparing(WindowValue::from, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())))
                .toList();
    }

    private static List<CloudEvent> cloudEvents(List<Event> batch) {
        return batch.stream().map(e -> new CloudEvent(e.id(), e.source(), "1.0", e.type(), e.subject(), e.time(), e.dataJson())).toList();
    }
}

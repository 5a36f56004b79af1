package dev.tollgate.metering.application.service;

import dev.tollgate.metering.api.MeteringApi;
import dev.tollgate.metering.application.port.out.EventStore;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Metering for other modules: trusted callers that name the namespace themselves (no caller to authorize). */
@Singleton
class MeteringApiService implements MeteringApi {
    private final EventStore events;
    private final MeterStore meters;
    private final UsageQueries usage;
    private final Clock clock;

    MeteringApiService(EventStore events, MeterStore meters, UsageQueries usage, Clock clock) {
        this.events = events;
        this.meters = meters;
        this.usage = usage;
        this.clock = clock;
    }

    /** Not transactional: the store commits the events itself (EventStore.append). */
    @Override
    public void ingest(UUID namespace, List<Event> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<CloudEvent> valid = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Event e = batch.get(i);
            valid.add(new CloudEvent(e.id(), e.source(), "1.0", e.type(), e.subject(), e.time(), e.dataJson())
                    .validated("[" + i + "].", now));
        }
        events.append(namespace, valid, now);
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
}

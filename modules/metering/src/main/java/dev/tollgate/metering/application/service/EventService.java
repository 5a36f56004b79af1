package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.in.IngestEventsUseCase;
import dev.tollgate.metering.application.port.out.EventStore;
import dev.tollgate.metering.api.spi.IngestionQuotas;
import dev.tollgate.metering.application.port.out.MeterStore;
import dev.tollgate.metering.application.port.out.UsageQueries;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.metering.domain.IngestedEvent;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.ratelimit.RateLimiter;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.tollgate.metering.domain.TextFilter;
import java.util.UUID;

@Singleton
class EventService implements IngestEventsUseCase {
    static final int MAX_BATCH = 10_000;
    private final EventStore events;
    private final MeterStore meters;
    private final UsageQueries usage;
    private final Namespaces namespaces;
    private final Clock clock;

    private final IngestionQuotas quotas;
    private final RateLimiter limiter;

    EventService(EventStore events, MeterStore meters, UsageQueries usage, Namespaces namespaces, Clock clock, IngestionQuotas quotas,
                 RateLimiter limiter) {
        this.quotas = quotas;
        this.limiter = limiter;
        this.events = events;
        this.meters = meters;
        this.usage = usage;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    /** Not transactional: the store commits the events itself, grouped with concurrent requests (EventStore.append). */
    @Override
    public void ingest(Caller caller, List<CloudEvent> batch) {
        UUID namespace = namespaces.require(caller, Capability.INGEST_EVENTS);
        if (batch.isEmpty()) {
            throw ValidationException.ofRequest("no events in the request body");
        }
        if (batch.size() > MAX_BATCH) {
            throw ValidationException.ofRequest("at most " + MAX_BATCH + " events per request");
        }
        requireQuota(namespace, batch.size());
        append(namespace, batch);
    }

    /**
     * A batch takes one token per event from the namespace's bucket, all or none, before anything is stored: a refused
     * request is OpenMeter's 429 with Retry-After and stores nothing. The operator's system namespace (the proxy's own
     * usage) is not limited.
     */
    private void requireQuota(UUID namespace, int events) {
        if (TenancyApi.SYSTEM_NAMESPACE.equals(namespace)) {
            return;
        }
        IngestionQuotas.Quota quota = quotas.of(namespace);
        if (quota.unlimited()) {
            return;
        }
        long burst = Math.max(quota.burst(), quota.perSecond());
        if (events > burst) {
            // Waiting would never help: the batch is larger than the bucket. Split it.
            throw ValidationException.ofRequest("at most " + burst + " events per request: this namespace ingests " + quota.perSecond()
                    + " events a second in bursts of up to " + burst);
        }
        limiter.acquire(new RateLimiter.Rate("ingest-events", quota.perSecond(), burst), namespace.toString(), events);
    }

    /** Validates every event (errors name "[i].field" in batches) and stores them; also what MeteringApi ingests with. */
    void append(UUID namespace, List<CloudEvent> batch) {
        Instant now = clock.instant();
        events.append(namespace, validated(batch, now), now);
    }

    /** Like {@link #append}, in the caller's transaction. */
    void appendWithin(UUID namespace, List<CloudEvent> batch) {
        Instant now = clock.instant();
        events.appendWithin(namespace, validated(batch, now), now);
    }

    private static List<CloudEvent> validated(List<CloudEvent> batch, Instant now) {
        List<CloudEvent> valid = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            valid.add(batch.get(i).validated(batch.size() == 1 ? "" : "[" + i + "].", now));
        }
        return valid;
    }

    @Override
    @Transactional(readOnly = true)
    public EventPage listV2(Caller caller, String cursor, int limit, Map<String, TextFilter> filters) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        if (limit < 1 || limit > 100) {
            throw new ValidationException("limit", "must be between 1 and 100");
        }
        for (String key : filters.keySet()) {
            if (!List.of("id", "source", "subject", "type", "time", "ingestedAt", "customerId").contains(key)) {
                throw new ValidationException("filter." + key, "unknown field; filter on id, source, subject, type, time, ingestedAt or customerId");
            }
        }
        Map<String, TextFilter> effective = new java.util.LinkedHashMap<>(filters);
        TextFilter customers = effective.remove("customerId");
        if (customers != null) {
            // Events belong to customers through their subjects (customer keys and subject keys).
            if (!(customers instanceof TextFilter.Among among) || among.negated()) {
                throw new ValidationException("filter.customerId", "takes {\"$in\": [customer ids]}");
            }
            List<String> subjects;
            try {
                subjects = List.copyOf(namespaces.subjectsOfCustomers(namespace, among.operands()).keySet());
            } catch (dev.tollgate.platform.domain.NotFoundException unknown) {
                throw new ValidationException("filter.customerId", unknown.getMessage()); // listEventsV2 declares no 404
            }
            if (subjects.isEmpty()) {
                return new EventPage(List.of(), null);
            }
            TextFilter bySubject = new TextFilter.Among(false, subjects);
            TextFilter existing = effective.get("subject");
            effective.put("subject", existing == null ? bySubject : new TextFilter.All(List.of(existing, bySubject)));
        }
        List<IngestedEvent> items = withCustomers(namespace, events.page(namespace, EventCursor.decode(cursor), limit, effective));
        String next = items.size() == limit ? EventCursor.encode(items.get(items.size() - 1)) : null;
        return new EventPage(items, next);
    }

    /**
     * Each event with the customer its subject belongs to and, as OpenMeter lists it, why it does not count towards
     * one of its type's meters (a missing or unparsable value): both looked up once per page.
     */
    private List<IngestedEvent> withCustomers(UUID namespace, List<IngestedEvent> page) {
        Map<String, String> owners = namespaces.customersOfSubjects(namespace,
                page.stream().map(e -> e.event().subject()).collect(java.util.stream.Collectors.toSet()));
        List<Meter> valued = meters.list(namespace, false).stream().filter(m -> m.valueProperty() != null).toList();
        Map<String, Meter> bySlug = new java.util.HashMap<>();
        valued.forEach(m -> bySlug.put(m.slug(), m));
        Map<String, String> errors = new java.util.HashMap<>();
        List<UsageQueries.MeterValue> values = new java.util.ArrayList<>(usage.meterValues(namespace, page, valued));
        values.sort(java.util.Comparator.comparing(UsageQueries.MeterValue::meterSlug));
        for (UsageQueries.MeterValue value : values) {
            String error = bySlug.get(value.meterSlug()).validationError(value.jsonType(), value.text());
            if (error != null) {
                errors.merge(value.source() + "\u0000" + value.id(), error, (a, b) -> a + "; " + b);
            }
        }
        return page.stream().map(e -> e.withCustomer(owners.get(e.event().subject()))
                .withValidationError(errors.get(e.event().source() + "\u0000" + e.event().id()))).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<IngestedEvent> list(Caller caller, EventFilter filter) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        if (filter.limit() < 1 || filter.limit() > 100) {
            throw new ValidationException("limit", "must be between 1 and 100");
        }
        Instant from = filter.from() != null ? filter.from() : clock.instant().minus(Duration.ofHours(72));
        if (filter.to() != null && !from.isBefore(filter.to())) {
            throw new ValidationException("to", "must be after from");
        }
        java.util.Set<String> subjects = null;
        if (!filter.customerIds().isEmpty()) {
            subjects = subjectsOf(namespace, filter.customerIds());
            if (subjects.isEmpty()) {
                return List.of();
            }
        }
        return withCustomers(namespace, events.list(namespace, new EventFilter(from, filter.to(), filter.ingestedAtFrom(),
                filter.ingestedAtTo(), filter.idContains(), filter.subjectContains(), filter.customerIds(), subjects, filter.limit())));
    }

    /**
     * The subjects whose events belong to the customers (their keys and subject keys), as OpenMeter attributes usage.
     * listEvents types customerId as ULIDs and declares no 404, so a malformed or unknown customer is a 400 naming it.
     */
    private java.util.Set<String> subjectsOf(UUID namespace, List<String> customerIds) {
        for (String id : customerIds) {
            if (id == null || dev.tollgate.platform.domain.Ulid.parse(id).isEmpty()) {
                throw new ValidationException("customerId", "'" + id + "' is not a customer ID (a ULID)");
            }
        }
        try {
            return new java.util.LinkedHashSet<>(namespaces.subjectsOfCustomers(namespace, customerIds).keySet());
        } catch (dev.tollgate.platform.domain.NotFoundException unknown) {
            throw new ValidationException("customerId", unknown.getMessage());
        }
    }
}

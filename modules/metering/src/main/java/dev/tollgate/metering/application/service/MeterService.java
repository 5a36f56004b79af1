package dev.tollgate.metering.application.service;

import dev.tollgate.metering.application.port.in.ManageMetersUseCase;
import dev.tollgate.metering.application.port.in.QueryMetersUseCase;
import dev.tollgate.metering.application.port.out.MeterStore;
import dev.tollgate.metering.api.spi.MeterUsers;
import dev.tollgate.metering.application.port.out.UsageQueries;
import dev.tollgate.metering.domain.Meter;
import dev.tollgate.metering.domain.MeterQuery;
import dev.tollgate.metering.domain.MeterQueryRow;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
class MeterService implements ManageMetersUseCase, QueryMetersUseCase {
    private final MeterStore meters;
    private final UsageQueries usage;
    private final Namespaces namespaces;
    private final Clock clock;
    private final QueryProgress progress;
    private final MeterUsers users;
    private final AuditTrail audit;

    MeterService(MeterStore meters, UsageQueries usage, Namespaces namespaces, Clock clock, QueryProgress progress, MeterUsers users,
                 AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.progress = progress;
        this.meters = meters;
        this.usage = usage;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Meter> list(Caller caller, boolean includeDeleted) {
        return meters.list(namespaces.require(caller, Capability.READ_METERS), includeDeleted);
    }

    @Override
    @Transactional
    public Meter create(Caller caller, MeterDefinition d) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        Meter meter = Meter.define(namespace, d.slug(), d.name(), d.description(), d.aggregation(), d.eventType(), d.eventFrom(),
                d.valueProperty(), d.groupBy(), d.metadata(), clock.instant());
        checkPaths(meter);
        meters.save(meter);
        audit.record(caller, namespace, AuditTrail.Change.created("meter", meter.ulid(), "Meter '" + meter.slug() + "' created",
                AuditSnapshots.of(meter)));
        return meter;
    }

    @Override
    @Transactional(readOnly = true)
    public Meter get(Caller caller, String idOrSlug) {
        return find(namespaces.require(caller, Capability.READ_METERS), idOrSlug);
    }

    @Override
    @Transactional
    public Meter update(Caller caller, String idOrSlug, String name, String description, Map<String, String> groupBy,
                        Map<String, String> metadata) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        Meter before = find(namespace, idOrSlug);
        Meter meter = before.update(name, description, groupBy, metadata, clock.instant());
        checkPaths(meter);
        for (MeterUsers.FeatureUse use : users.activeFeatures(meter.namespace(), meter.slug())) {
            for (String key : use.groupByKeys()) {
                if (!meter.groupBy().containsKey(key)) {
                    throw new ConflictException("meter_in_use", "groupBy key '" + key + "' is used by the filters of feature '"
                            + use.featureKey() + "'");
                }
            }
        }
        meters.save(meter);
        var was = AuditSnapshots.of(before);
        var now = AuditSnapshots.of(meter);
        if (!was.equals(now)) {
            audit.record(caller, namespace, AuditTrail.Change.updated("meter", meter.ulid(), "Meter '" + meter.slug() + "' updated", was, now));
        }
        return meter;
    }

    @Override
    @Transactional
    public void delete(Caller caller, String idOrSlug) {
        UUID namespace = namespaces.require(caller, Capability.MANAGE_METERS);
        Meter meter = find(namespace, idOrSlug);
        List<MeterUsers.FeatureUse> uses = users.activeFeatures(meter.namespace(), meter.slug());
        if (!uses.isEmpty()) {
            throw new ConflictException("meter_in_use", "meter has active features and cannot be deleted: "
                    + uses.stream().map(MeterUsers.FeatureUse::featureKey).toList());
        }
        meters.save(meter.deleted(clock.instant()));
        audit.record(caller, namespace, AuditTrail.Change.deleted("meter", meter.ulid(), "Meter '" + meter.slug() + "' deleted",
                AuditSnapshots.of(meter)));
    }

    @Override
    @Transactional(readOnly = true)
    public List<MeterQueryRow> query(Caller caller, String meterIdOrSlug, MeterQuery query, String clientId) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        Meter meter = find(namespace, meterIdOrSlug);
        if (clientId != null && (clientId.isEmpty() || clientId.length() > 36)) {
            throw new ValidationException("clientId", "must be 1-36 characters");
        }
        MeterQuery checked = query.against(meter);
        if (!checked.filterCustomerIds().isEmpty()) {
            checked = checked.withCustomers(namespaces.subjectsOfCustomers(namespace, checked.filterCustomerIds()));
        }
        if (clientId == null) {
            return usage.aggregate(namespace, meter, checked);
        }
        progress.started(namespace, clientId, clock.instant());
        try {
            List<MeterQueryRow> rows = usage.aggregate(namespace, meter, checked);
            progress.finished(namespace, clientId, rows.stream().mapToLong(MeterQueryRow::events).sum(), clock.instant());
            return rows;
        } catch (RuntimeException e) {
            progress.failed(namespace, clientId, clock.instant());
            throw e;
        }
    }

    @Override
    public Progress progress(Caller caller, String clientId) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        return this.progress.find(namespace, clientId)
                .map(p -> new Progress(p.total(), p.success(), p.failed(), p.updatedAt()))
                .orElseThrow(() -> NotFoundException.of("Progress", clientId));
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> subjects(Caller caller, String meterIdOrSlug, Instant from, Instant to) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        Meter meter = find(namespace, meterIdOrSlug);
        checkRange(from, to);
        return usage.distinctSubjects(namespace, meter, from, to);
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> groupByValues(Caller caller, String meterIdOrSlug, String groupByKey, Instant from, Instant to) {
        UUID namespace = namespaces.require(caller, Capability.READ_METERS);
        Meter meter = find(namespace, meterIdOrSlug);
        String path = meter.groupBy().get(groupByKey);
        if (path == null) {
            throw NotFoundException.of("Group by key", groupByKey);
        }
        Instant lower = from == null && to == null ? clock.instant().minus(Duration.ofHours(24)) : from;
        checkRange(lower, to);
        return usage.distinctGroupValues(namespace, meter, path, lower, to);
    }

    private static void checkRange(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new ValidationException("to", "must be after from");
        }
    }

    private Meter find(UUID namespace, String idOrSlug) {
        return Ulid.parse(idOrSlug).flatMap(id -> meters.findLive(namespace, id))
                .or(() -> meters.findLiveBySlug(namespace, idOrSlug))
                .orElseThrow(() -> NotFoundException.of("Meter", idOrSlug));
    }

    /** The store evaluates the JSONPaths; a path it cannot parse is refused now rather than at query time. */
    private void checkPaths(Meter meter) {
        List<FieldError> errors = new ArrayList<>();
        if (meter.valueProperty() != null) {
            String problem = usage.checkJsonPath(meter.valueProperty());
            if (problem != null) {
                errors.add(new FieldError("valueProperty", "invalid JSONPath '" + meter.valueProperty() + "': " + problem));
            }
        }
        meter.groupBy().forEach((key, path) -> {
            String problem = usage.checkJsonPath(path);
            if (problem != null) {
                errors.add(new FieldError("groupBy." + key, "invalid JSONPath '" + path + "': " + problem));
            }
        });
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}

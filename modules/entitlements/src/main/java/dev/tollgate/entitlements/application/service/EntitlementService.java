package dev.tollgate.entitlements.application.service;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.catalog.api.CatalogApi.FeatureInfo;
import dev.tollgate.entitlements.application.port.in.ManageEntitlementsUseCase;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.application.port.out.ResetStore;
import dev.tollgate.entitlements.domain.BalanceHistory;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.EntitlementFilter;
import dev.tollgate.entitlements.domain.EntitlementState;
import dev.tollgate.entitlements.domain.EntitlementValue;
import dev.tollgate.entitlements.domain.ResetRecord;
import dev.tollgate.entitlements.domain.Timeline;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.JsonSyntax;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
class EntitlementService implements ManageEntitlementsUseCase {
    /** A history answer's bound: MINUTE windows over a week, DAY windows over decades. */
    private static final int MAX_WINDOWS = 10_000;
    private final EntitlementStore entitlements;
    private final GrantStore grants;
    private final ResetStore resets;
    private final CustomerResolver customers;
    private final EntitlementEvaluator evaluator;
    private final CatalogApi catalog;
    private final JsonSyntax json;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final EntitlementChanges changes;
    private final AuditTrail audit;

    EntitlementService(EntitlementStore entitlements, GrantStore grants, ResetStore resets, CustomerResolver customers,
                       EntitlementEvaluator evaluator, CatalogApi catalog, JsonSyntax json, TenancyApi tenancy, Clock clock, EntitlementChanges changes,
                       AuditTrail audit) {
        this.audit = audit;
        this.changes = changes;
        this.entitlements = entitlements;
        this.grants = grants;
        this.resets = resets;
        this.customers = customers;
        this.evaluator = evaluator;
        this.catalog = catalog;
        this.json = json;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public EntitlementState create(Caller caller, CustomerRef ref, Map<String, Object> document, boolean v2) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        CustomerResolver.Customer customer = customers.resolve(namespace, ref);
        Entitlement.Created created = define(namespace, customer, document, v2);
        Entitlement e = created.entitlement();
        if (entitlements.findLive(namespace, customer.id(), e.featureKey()).isPresent()) {
            throw new ConflictException("entitlement_exists", "the customer already has an entitlement to feature '" + e.featureKey()
                    + "'; delete or override it");
        }
        entitlements.save(e);
        created.grants().forEach(grants::save);
        changes.changed(e);
        audit.record(caller, namespace, AuditTrail.Change.created("entitlement", Ulid.of(e.id()), "Entitlement to feature '" + e.featureKey()
                + "' created for " + AuditSnapshots.holder(e), AuditSnapshots.of(e)));
        return evaluator.state(e, clock.instant());
    }

    private Entitlement.Created define(UUID namespace, CustomerResolver.Customer customer, Map<String, Object> document, boolean v2) {
        Object key = document.get("featureKey");
        Object id = document.get("featureId");
        String name = key instanceof String k ? k : id instanceof String i ? i : null;
        if (name == null) {
            throw new ValidationException("featureKey", "either featureKey or featureId is required");
        }
        if (name.indexOf('\u0000') >= 0) {
            throw new ValidationException(key != null ? "featureKey" : "featureId", "must not contain NUL characters");
        }
        FeatureInfo feature = catalog.findFeature(namespace, name).filter(f -> !f.archived())
                .orElseThrow(() -> new ValidationException(key != null ? "featureKey" : "featureId", "feature '" + name + "' not found"));
        return Entitlement.define(document, namespace, customer.holder(), new Entitlement.FeatureRef(feature.id(), feature.key(),
                feature.meterSlug() != null), v2, json::isObject, clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public Page<EntitlementState> listOfCustomer(Caller caller, CustomerRef ref, boolean includeDeleted, PageRequest page, String orderBy,
                                                 boolean descending) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        CustomerResolver.Customer customer = customers.resolve(namespace, ref);
        EntitlementFilter filter = new EntitlementFilter(List.of(customer.id()), List.of(), List.of(), includeDeleted, null, orderBy, descending);
        Instant now = clock.instant();
        return entitlements.list(namespace, filter, page).map(e -> evaluator.state(e, now));
    }

    @Override
    @Transactional(readOnly = true)
    public Page<EntitlementState> list(Caller caller, EntitlementFilter filter, List<String> customerKeys, List<String> subjects,
                                       PageRequest page) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        List<UUID> ids = new ArrayList<>(filter.customerIds());
        customerKeys.forEach(k -> ids.add(customers.resolveFilter(namespace, CustomerRef.customer(k), "customerKeys")));
        subjects.forEach(s -> ids.add(customers.resolveFilter(namespace, CustomerRef.subject(s), "subject")));
        EntitlementFilter resolved = new EntitlementFilter(ids, filter.featureKeys(), filter.types(), filter.includeDeleted(), filter.activeAt(),
                filter.orderBy(), filter.descending());
        Instant now = clock.instant();
        return entitlements.list(namespace, resolved, page).map(e -> evaluator.state(e, now));
    }

    @Override
    @Transactional(readOnly = true)
    public EntitlementState get(Caller caller, CustomerRef ref, String idOrFeatureKey) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        return evaluator.state(customers.entitlement(namespace, customers.resolve(namespace, ref), idOrFeatureKey), clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public EntitlementState getById(Caller caller, String entitlementId) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        return dev.tollgate.platform.domain.Ulid.parse(entitlementId).flatMap(id -> entitlements.find(namespace, id))
                .map(e -> evaluator.state(e, clock.instant()))
                .orElseThrow(() -> NotFoundException.of("Entitlement", entitlementId));
    }

    @Override
    @Transactional
    public void delete(Caller caller, CustomerRef ref, String idOrFeatureKey) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Entitlement e = live(customers.entitlement(namespace, customers.resolve(namespace, ref), idOrFeatureKey), idOrFeatureKey);
        Entitlement deleted = e.deleted(clock.instant());
        entitlements.save(deleted);
        changes.changed(e);
        audit.record(caller, namespace, AuditTrail.Change.deleted("entitlement", Ulid.of(e.id()), "Entitlement to feature '" + e.featureKey()
                + "' of " + AuditSnapshots.holder(e) + " deleted", AuditSnapshots.of(e)));
    }

    /**
     * The new entitlement takes over at once: the old one is deleted now and the new one created in the same
     * transaction, so there is no moment without access.
     */
    @Override
    @Transactional
    public EntitlementState override(Caller caller, CustomerRef ref, String idOrFeatureKey, Map<String, Object> document, boolean v2) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        CustomerResolver.Customer customer = customers.resolve(namespace, ref);
        Entitlement found = live(customers.entitlement(namespace, customer, idOrFeatureKey), idOrFeatureKey);
        entitlements.lock(found.id());
        Entitlement previous = relocked(namespace, found, idOrFeatureKey);
        Entitlement.Created created = define(namespace, customer, document, v2);
        entitlements.save(previous.deleted(clock.instant()));
        if (!created.entitlement().featureKey().equals(previous.featureKey())) {
            entitlements.findLive(namespace, customer.id(), created.entitlement().featureKey()).ifPresent(other -> {
                throw new ConflictException("entitlement_exists", "the customer already has an entitlement to feature '"
                        + other.featureKey() + "'");
            });
        }
        entitlements.save(created.entitlement());
        created.grants().forEach(grants::save);
        changes.changed(created.entitlement());
        Entitlement replacement = created.entitlement();
        audit.record(caller, namespace, new AuditTrail.Change("entitlement", Ulid.of(replacement.id()), "entitlement.overridden",
                "Entitlement to feature '" + previous.featureKey() + "' of " + AuditSnapshots.holder(previous) + " overridden by "
                        + Ulid.of(replacement.id()), AuditSnapshots.of(previous), AuditSnapshots.of(replacement)));
        return evaluator.state(created.entitlement(), clock.instant());
    }

    /**
     * Ends the current usage period at {@code effectiveAt} (now by default, never in the future, never before the
     * period's start) and starts the next one, re-anchored there unless {@code retainAnchor}.
     */
    @Override
    @Transactional
    public void reset(Caller caller, CustomerRef ref, String idOrFeatureKey, Map<String, Object> document) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Entitlement e = live(customers.entitlement(namespace, customers.resolve(namespace, ref), idOrFeatureKey), idOrFeatureKey);
        if (!e.metered()) {
            throw new ValidationException("entitlement", "only metered entitlements have usage to reset");
        }
        entitlements.lock(e.id());
        e = relocked(namespace, e, idOrFeatureKey);
        Instant now = clock.instant();
        DocumentReader r = new DocumentReader();
        Instant at = r.time(document, "", "effectiveAt", false);
        boolean retainAnchor = r.bool(document, "", "retainAnchor", false);
        Boolean preserve = document.get("preserveOverage") == null ? null : r.bool(document, "", "preserveOverage", false);
        r.throwIfFailed();
        at = (at == null ? now : at).truncatedTo(ChronoUnit.MINUTES);
        Timeline timeline = evaluator.timeline(e);
        if (at.isAfter(now)) {
            throw new ValidationException("effectiveAt", "a reset cannot be in the future");
        }
        if (at.isBefore(timeline.periodStart(now))) {
            throw new ValidationException("effectiveAt", "a reset cannot be before the current usage period's start "
                    + timeline.periodStart(now));
        }
        resets.save(new ResetRecord(TypeId.newUuid(), e.id(), at, retainAnchor, preserve, now));
        changes.changed(e);
        changes.reset(e, at, now);
        audit.record(caller, namespace, new AuditTrail.Change("entitlement", Ulid.of(e.id()), "entitlement.reset", "Usage of the entitlement to feature '"
                + e.featureKey() + "' of " + AuditSnapshots.holder(e) + " reset", null,
                AuditTrail.fields("effective_at", at, "retain_anchor", retainAnchor, "preserve_overage", preserve)));
    }

    @Override
    @Transactional(readOnly = true)
    public EntitlementValue value(Caller caller, CustomerRef ref, String idOrFeatureKey, Instant time, boolean strict) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        CustomerResolver.Customer customer = customers.resolve(namespace, ref);
        Entitlement e;
        try {
            e = customers.entitlement(namespace, customer, idOrFeatureKey);
        } catch (NotFoundException missing) {
            if (strict) {
                throw missing;
            }
            return EntitlementValue.NO_ACCESS;
        }
        Instant now = clock.instant();
        return evaluator.value(e, customer.subjects(), time == null ? now : notTooFarAhead("time", time, now));
    }

    @Override
    @Transactional(readOnly = true)
    public BalanceHistory history(Caller caller, CustomerRef ref, String idOrFeatureKey, Instant from, Instant to, ChronoUnit window,
                                  ZoneId zone) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        CustomerResolver.Customer customer = customers.resolve(namespace, ref);
        Entitlement e = customers.entitlement(namespace, customer, idOrFeatureKey);
        if (!e.metered()) {
            throw new ValidationException("entitlement", "only metered entitlements have a balance history");
        }
        Instant now = clock.instant();
        Timeline timeline = evaluator.timeline(e);
        Instant start = (from == null ? timeline.periodStart(now) : from).truncatedTo(ChronoUnit.MINUTES);
        Instant end = EntitlementEvaluator.ceilToMinute(to == null ? now : notTooFarAhead("to", to, now));
        if (start.isBefore(timeline.measureUsageFrom())) {
            throw new ValidationException("from", "must not be before the entitlement measures usage from (" + timeline.measureUsageFrom() + ")");
        }
        if (!start.isBefore(end)) {
            throw new ValidationException("to", "must be after from");
        }
        if (window.getDuration().multipliedBy(MAX_WINDOWS).compareTo(java.time.Duration.between(start, end)) < 0) {
            throw new ValidationException("windowSize", "more than " + MAX_WINDOWS + " windows: use a larger windowSize or a shorter range");
        }
        return evaluator.history(e, customer.subjects(), start, end, window, zone);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<String, EntitlementValue> access(Caller caller, CustomerRef ref) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        CustomerResolver.Customer customer = customers.resolve(namespace, ref);
        Instant now = clock.instant();
        Map<String, EntitlementValue> values = new LinkedHashMap<>();
        EntitlementFilter active = new EntitlementFilter(List.of(customer.id()), List.of(), List.of(), false, now, "createdAt", false);
        for (Entitlement e : entitlements.list(namespace, active, new PageRequest(0, PageRequest.MAX_LIMIT)).items()) {
            values.put(e.featureKey(), evaluator.value(e, customer.subjects(), now));
        }
        return values;
    }

    /** Read again under the row lock: a concurrent delete or override may have ended it meanwhile. */
    private Entitlement relocked(UUID namespace, Entitlement e, String name) {
        return live(entitlements.find(namespace, e.id()).orElseThrow(() -> NotFoundException.of("Entitlement", name)), name);
    }

    /** Values and history are asked about the past and the present; far futures would only cost meter queries. */
    private Instant notTooFarAhead(String field, Instant t, Instant now) {
        if (t != null && t.isAfter(now.plus(java.time.Duration.ofDays(1)))) {
            throw new ValidationException(field, "must not be more than a day after now");
        }
        return t;
    }

    private static Entitlement live(Entitlement e, String name) {
        if (e.deletedAt() != null) {
            throw NotFoundException.of("Entitlement", name);
        }
        return e;
    }

    private UUID namespace(Caller caller, Capability capability) {
        return tenancy.requireNamespace(caller, capability).id();
    }
}

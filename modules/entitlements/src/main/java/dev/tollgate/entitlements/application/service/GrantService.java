package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.application.port.in.ManageGrantsUseCase;
import dev.tollgate.entitlements.application.port.out.EntitlementStore;
import dev.tollgate.entitlements.application.port.out.GrantStore;
import dev.tollgate.entitlements.domain.CustomerRef;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.entitlements.domain.Grant;
import dev.tollgate.entitlements.domain.GrantFilter;
import dev.tollgate.entitlements.api.events.BoostChanged;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Grants are issued to active metered entitlements and voided, never changed. Both take the entitlement's row lock,
 * so a balance is never computed from half of two concurrent changes.
 */
@Singleton
class GrantService implements ManageGrantsUseCase {
    private final EntitlementStore entitlements;
    private final GrantStore grants;
    private final CustomerResolver customers;
    private final EntitlementEvaluator evaluator;
    private final TenancyApi tenancy;
    private final Clock clock;
    private final EntitlementChanges changes;
    private final Outbox outbox;
    private final AuditTrail audit;

    GrantService(EntitlementStore entitlements, GrantStore grants, CustomerResolver customers, EntitlementEvaluator evaluator,
                 TenancyApi tenancy, Clock clock, EntitlementChanges changes, Outbox outbox, AuditTrail audit) {
        this.audit = audit;
        this.changes = changes;
        this.outbox = outbox;
        this.entitlements = entitlements;
        this.grants = grants;
        this.customers = customers;
        this.evaluator = evaluator;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Grant create(Caller caller, CustomerRef ref, String idOrFeatureKey, Map<String, Object> document, boolean v2) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Entitlement e = customers.entitlement(namespace, customers.resolve(namespace, ref), idOrFeatureKey);
        Instant now = clock.instant();
        if (!e.metered() || !e.activeAt(now)) {
            throw new ValidationException("entitlement", "grants can only be issued to active metered entitlements");
        }
        entitlements.lock(e.id());
        e = entitlements.find(namespace, e.id()).filter(current -> current.activeAt(now))
                .orElseThrow(() -> new ValidationException("entitlement", "grants can only be issued to active metered entitlements"));
        DocumentReader r = new DocumentReader();
        Grant grant = Grant.read(r, document, "", namespace, e.id(), v2, now);
        r.throwIfFailed();
        Instant periodStart = evaluator.timeline(e).periodStart(now);
        if (grant.effectiveAt().isBefore(periodStart)) {
            throw new ValidationException("effectiveAt", "must not be before the current usage period's start " + periodStart);
        }
        grants.save(grant);
        if (TenancyApi.SYSTEM_NAMESPACE.equals(namespace) && e.customerKey() != null && PackageEntitlements.isBoost(grant)) {
            // A grant by hand on an organization's tier entitlement is a boost: php-tenant's boost_activated (ADR 0048).
            // Published before LimitsChanged: after the commit, events are relayed in the order published, and this
            // one's webhooks should not wait for the node's limits to reload (ADR 0050).
            outbox.publish(e.customerKey(), new BoostChanged(e.customerKey(), e.featureKey(), grant.amount().longValue(), "grant",
                    grant.endsAt(), true, now));
        }
        changes.changed(e);
        audit.record(caller, namespace, AuditTrail.Change.created("grant", Ulid.of(grant.id()), "Grant of " + grant.amount().toPlainString()
                + " to the entitlement to feature '" + e.featureKey() + "' of " + AuditSnapshots.holder(e) + " created", AuditSnapshots.of(grant)));
        return grant;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Grant> listOfEntitlement(Caller caller, CustomerRef ref, String idOrFeatureKey, boolean includeDeleted, PageRequest page,
                                         String orderBy, boolean descending) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        Entitlement e = customers.entitlement(namespace, customers.resolve(namespace, ref), idOrFeatureKey);
        return grants.list(namespace, new GrantFilter(List.of(e.id()), List.of(), List.of(), includeDeleted, orderBy, descending), page);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Grant> list(Caller caller, GrantFilter filter, List<String> customerNames, List<String> subjects, PageRequest page) {
        UUID namespace = namespace(caller, Capability.READ_METERS);
        List<UUID> ids = new ArrayList<>(filter.customerIds());
        customerNames.forEach(c -> ids.add(customers.resolveFilter(namespace, CustomerRef.customer(c), "customer")));
        subjects.forEach(s -> ids.add(customers.resolveFilter(namespace, CustomerRef.subject(s), "subject")));
        return grants.list(namespace, new GrantFilter(filter.entitlementIds(), ids, filter.featureKeys(), filter.includeDeleted(), filter.orderBy(),
                filter.descending()), page);
    }

    /**
     * OpenMeter's void: from {@code at} on the grant covers nothing more; what it covered stays covered. {@code at}
     * may not be in the future or before the entitlement's current usage period.
     */
    @Override
    @Transactional
    public void voidGrant(Caller caller, String grantId, Instant at) {
        UUID namespace = namespace(caller, Capability.MANAGE_METERS);
        Grant grant = Ulid.parse(grantId).flatMap(id -> grants.find(namespace, id)).filter(g -> g.deletedAt() == null)
                .orElseThrow(() -> NotFoundException.of("Grant", grantId));
        entitlements.lock(grant.entitlementId());
        grant = grants.find(namespace, grant.id()).orElseThrow();
        if (grant.voidedAt() != null) {
            throw new ConflictException("grant_already_voided", "grant " + grantId + " was voided at " + grant.voidedAt());
        }
        Instant now = clock.instant();
        Instant when = (at == null ? now : at).truncatedTo(ChronoUnit.MINUTES);
        if (when.isAfter(now)) {
            throw new ValidationException("at", "must not be in the future");
        }
        Entitlement e = entitlements.find(namespace, grant.entitlementId()).orElseThrow();
        Instant periodStart = evaluator.timeline(e).periodStart(now);
        if (when.isBefore(periodStart)) {
            throw new ValidationException("at", "must be within the current usage period, which started at " + periodStart);
        }
        Grant voided = grant.voided(when, now);
        grants.save(voided);
        changes.changed(e);
        audit.record(caller, namespace, new AuditTrail.Change("grant", Ulid.of(grant.id()), "grant.voided", "Grant of "
                + grant.amount().toPlainString() + " to the entitlement to feature '" + e.featureKey() + "' of " + AuditSnapshots.holder(e)
                + " voided", AuditSnapshots.of(grant), AuditSnapshots.of(voided)));
    }

    private UUID namespace(Caller caller, Capability capability) {
        return tenancy.requireNamespace(caller, capability).id();
    }
}

package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ChangeSubscriptionsUseCase;
import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.StartRequest;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.billing.domain.subscription.Timing;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;

/** Cancel, continue, change and migrate: each takes the customer's lock, so the one-at-a-time rule holds throughout. */
@Singleton
class SubscriptionLifecycleService implements ChangeSubscriptionsUseCase {
    private final SubscriptionStarts starts;
    private final SubscriptionPlans plans;
    private final SubscriptionEvents events;
    private final TenancyApi tenancy;

    private final AuditTrail audit;

    SubscriptionLifecycleService(SubscriptionStarts starts, SubscriptionPlans plans, SubscriptionEvents events, TenancyApi tenancy, AuditTrail audit) {
        this.audit = audit;
        this.starts = starts;
        this.plans = plans;
        this.events = events;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Subscription cancel(Caller caller, String subscriptionId, Map<String, Object> document) {
        Subscription s = locked(caller, subscriptionId);
        Instant now = starts.now();
        Instant end = s.endOf(Timing.parse(document.get("timing"), "timing", Timing.IMMEDIATE), now, "cancel");
        Subscription canceled = cancelAt(s, end, now);
        record(caller, s, canceled, "canceled", AuditSnapshots.label(s) + " canceled as of " + end);
        return canceled;
    }

    @Override
    @Transactional
    public Subscription unscheduleCancelation(Caller caller, String subscriptionId) {
        Subscription s = locked(caller, subscriptionId);
        Subscription continued = s.continued(starts.now(), "unschedule the cancelation of");
        // A subscription scheduled after this one (a change's next) would now overlap it.
        starts.requireFree(s.namespace(), s.customerId(), s.activeFrom(), null, s.id());
        starts.store().save(continued);
        events.continued(continued);
        record(caller, s, continued, "cancelation_unscheduled", AuditSnapshots.label(s) + ": scheduled cancelation removed");
        return continued;
    }

    @Override
    @Transactional
    public Subscription restore(Caller caller, String subscriptionId) {
        Subscription s = locked(caller, subscriptionId);
        Instant now = starts.now();
        Subscription continued = s.continued(now, "restore");
        for (Subscription other : starts.store().ofCustomer(s.namespace(), s.customerId())) {
            if (!other.id().equals(s.id()) && other.status(now) == SubscriptionStatus.SCHEDULED) {
                Subscription deleted = other.deleted(now);
                starts.store().save(deleted);
                events.deleted(deleted);
            }
        }
        starts.store().save(continued);
        events.continued(continued);
        record(caller, s, continued, "restored", AuditSnapshots.label(s) + " restored");
        return continued;
    }

    @Override
    @Transactional
    public Change change(Caller caller, String subscriptionId, Map<String, Object> document) {
        Subscription s = locked(caller, subscriptionId);
        StartRequest request = StartRequest.forChange(document);
        PlanTerms terms = plans.of(s.namespace(), request);
        Change change = replace(s, terms, request, request.timing());
        record(caller, s, change.next(), "changed", AuditSnapshots.label(s) + " changed to " + AuditSnapshots.label(change.next()));
        return change;
    }

    @Override
    @Transactional
    public Change migrate(Caller caller, String subscriptionId, Map<String, Object> document) {
        Subscription s = locked(caller, subscriptionId);
        StartRequest.Migration migration = StartRequest.Migration.read(document);
        if (s.plan() == null) {
            throw SubscriptionPlans.invalid("plan", "subscription " + subscriptionId
                    + " has a custom plan, which has no versions to migrate to; change it instead");
        }
        PlanTerms terms = plans.migrationTarget(s.namespace(), s.plan(), migration.targetVersion());
        StartRequest request = new StartRequest(s.customerId(), s.plan().key(), terms.reference().version(), null, migration.startingPhase(),
                s.name(), s.description(), s.metadata(), migration.timing(), migration.billingAnchor());
        Change change = replace(s, terms, request, migration.timing());
        record(caller, s, change.next(), "migrated", AuditSnapshots.label(s) + " migrated to version " + terms.reference().version());
        return change;
    }

    /** OpenMeter's change: end the current one at the timing, start the next there, the anchor kept unless given, and link them. */
    Change replace(Subscription current, PlanTerms terms, StartRequest request, Timing timing) {
        Instant now = starts.now();
        Instant at = current.endOf(timing, now, "change");
        Subscription ended = cancelAt(current, at, now);
        starts.requireFree(current.namespace(), current.customerId(), at, null, current.id());
        Subscription next = starts.begin(current.namespace(), current.customerId(), terms, request, at,
                request.billingAnchor() != null ? request.billingAnchor() : current.anchorOrigin());
        next = next.annotated(Subscription.PREVIOUS, Ulid.of(current.id()), now);
        starts.store().save(next);
        ended = ended.annotated(Subscription.SUPERSEDING, Ulid.of(next.id()), now);
        starts.store().save(ended);
        events.changed(ended, next);
        return new Change(ended, next);
    }

    /**
     * Only an active (open-ended) subscription is canceled, and the one-at-a-time rule means nothing of the customer's is
     * scheduled after it, so OpenMeter's "scheduling conflict" on cancel cannot arise here.
     */
    private Subscription cancelAt(Subscription s, Instant end, Instant now) {
        Subscription canceled = s.canceledAt(end, now);
        starts.store().save(canceled);
        events.canceled(canceled);
        return canceled;
    }

    /** {@code subscription.<verb>} on the subscription acted on, {@code after} the one that results (for a change, the next one). */
    private void record(Caller caller, Subscription before, Subscription after, String verb, String summary) {
        Instant now = starts.now();
        audit.record(caller, before.namespace(), new AuditTrail.Change("subscription", Ulid.of(before.id()), "subscription." + verb, summary,
                AuditSnapshots.of(before, now), AuditSnapshots.of(after, now)));
    }

    private Subscription locked(Caller caller, String subscriptionId) {
        return starts.requireLocked(tenancy.requireNamespace(caller, Capability.MANAGE_BILLING).id(), subscriptionId);
    }
}

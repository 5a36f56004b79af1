package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageSubscriptionsUseCase;
import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.StartRequest;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import dev.tollgate.platform.domain.Ulid;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
class SubscriptionService implements ManageSubscriptionsUseCase {
    private final SubscriptionStarts starts;
    private final SubscriptionPlans plans;
    private final SubscriptionEvents events;
    private final TenancyApi tenancy;

    private final AuditTrail audit;

    SubscriptionService(SubscriptionStarts starts, SubscriptionPlans plans, SubscriptionEvents events, TenancyApi tenancy, AuditTrail audit) {
        this.audit = audit;
        this.starts = starts;
        this.plans = plans;
        this.events = events;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Subscription create(Caller caller, Map<String, Object> document) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_BILLING).id();
        StartRequest request = StartRequest.forCreate(document);
        String customerId = customerId(namespace, request.customerIdOrKey());
        PlanTerms terms = plans.of(namespace, request);
        Instant activeFrom = Subscription.startOf(request.timing(), starts.now());
        starts.requireFree(namespace, customerId, activeFrom, null, null);
        Subscription created = starts.begin(namespace, customerId, terms, request, activeFrom, request.billingAnchor());
        audit.record(caller, namespace, AuditTrail.Change.created("subscription", Ulid.of(created.id()), AuditSnapshots.label(created) + " created",
                AuditSnapshots.of(created, starts.now())));
        return created;
    }

    @Override
    @Transactional(readOnly = true)
    public Subscription get(Caller caller, String subscriptionId) {
        return starts.require(tenancy.requireNamespace(caller, Capability.READ_BILLING).id(), subscriptionId);
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Subscription> listOfCustomer(Caller caller, String customerIdOrKey, List<SubscriptionStatus> statuses, String orderBy,
                                             boolean descending, PageRequest page) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.READ_BILLING).id();
        return starts.store().list(namespace, customerId(namespace, customerIdOrKey), statuses, orderBy, descending, page, starts.now());
    }

    @Override
    @Transactional
    public void delete(Caller caller, String subscriptionId) {
        UUID namespace = tenancy.requireNamespace(caller, Capability.MANAGE_BILLING).id();
        Subscription current = starts.require(namespace, subscriptionId);
        Subscription deleted = current.deleted(starts.now());
        starts.store().save(deleted);
        events.deleted(deleted);
        audit.record(caller, namespace, AuditTrail.Change.deleted("subscription", Ulid.of(current.id()), AuditSnapshots.label(current) + " deleted",
                AuditSnapshots.of(current, starts.now())));
    }

    private String customerId(UUID namespace, String idOrKey) {
        return tenancy.requireCustomers(namespace, List.of(idOrKey)).get(0).id();
    }
}

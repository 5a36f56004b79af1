package dev.tollgate.billing.application.service;

import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.StartRequest;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.billing.domain.subscription.Timing;
import dev.tollgate.entitlements.api.EntitlementsApi.CustomLimits;
import dev.tollgate.entitlements.api.TierChanges;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Tollgate's own tiers as subscriptions (ADR 0034): in the system namespace every organization is a customer, and its
 * tier is its subscription to the tier's plan. Moving to another tier changes that subscription: now for an upgrade
 * (the paid period is prorated by the invoice lines), at the end of the billing period for a downgrade the customer
 * chose. The entitlements the subscription materialises carry the limits; a pending downgrade is dropped by any later
 * move. A plan's trial phase is only for an organization's first paid tier. Who collects the subscription's invoices
 * follows the organization's billing provider ({@link TierCollection}, ADR 0046).
 */
@Singleton
class TierSubscriptionService implements TierChanges {
    private static final UUID SYSTEM = TenancyApi.SYSTEM_NAMESPACE;
    private static final String FREE_TIER = "starter";
    private final SubscriptionStarts starts;
    private final SubscriptionPlans plans;
    private final SubscriptionLifecycleService lifecycle;
    private final SubscriptionEvents events;
    private final TenancyApi tenancy;
    private final TierCollection collection;

    TierSubscriptionService(SubscriptionStarts starts, SubscriptionPlans plans, SubscriptionLifecycleService lifecycle, SubscriptionEvents events,
                            TenancyApi tenancy, TierCollection collection) {
        this.collection = collection;
        this.starts = starts;
        this.plans = plans;
        this.lifecycle = lifecycle;
        this.events = events;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public void collectThrough(String organizationPublicId, String billingProvider) {
        collection.collectThrough(organizationPublicId, billingProvider);
    }

    @Override
    @Transactional
    public void move(String organizationPublicId, String tierKey, CustomLimits customLimits, boolean atPeriodEnd) {
        String customerId = tenancy.requireCustomers(SYSTEM, List.of(organizationPublicId)).get(0).id();
        starts.store().lockCustomer(SYSTEM, customerId);
        Instant now = starts.now();
        Map<String, String> metadata = TierMetadata.of(tierKey, customLimits);
        Subscription current = null;
        boolean paidBefore = false; // ever on a tier other than the free one (ended subscriptions count, dropped ones not)
        for (Subscription s : starts.store().ofCustomer(SYSTEM, customerId)) {
            SubscriptionStatus status = s.status(now);
            if (status == SubscriptionStatus.SCHEDULED) {
                Subscription dropped = s.deleted(now); // a downgrade still waiting: this move replaces it
                starts.store().save(dropped);
                events.deleted(dropped);
                continue;
            }
            paidBefore |= !FREE_TIER.equals(TierMetadata.tier(s.metadata(), s.plan() == null ? null : s.plan().key()));
            if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.CANCELED) {
                current = s;
            }
        }
        if (current != null && current.status(now) == SubscriptionStatus.CANCELED) {
            current = current.continued(now, "move the tier of"); // it runs on until this move says otherwise
            starts.store().save(current);
            events.continued(current);
        }
        if (current != null && Objects.equals(current.metadata(), metadata)) {
            return; // already on this tier with these limits
        }
        Timing timing = atPeriodEnd ? Timing.NEXT_BILLING_CYCLE : Timing.IMMEDIATE;
        PlanTerms terms = plans.of(SYSTEM, new StartRequest(customerId, tierKey, null, null, null, null, null, metadata, timing, null));
        // A trial is for an organization's first paid tier: one that has paid before starts in the plan's paid phase.
        String startingPhase = paidBefore ? terms.phases().get(terms.phases().size() - 1).key() : null;
        StartRequest request = new StartRequest(customerId, tierKey, null, null, startingPhase, null, null, metadata, timing, null);
        if (current == null) {
            starts.requireFree(SYSTEM, customerId, now, null, null);
            starts.begin(SYSTEM, customerId, terms, request, now, null);
        } else {
            lifecycle.replace(current, terms, request, request.timing());
        }
    }
}

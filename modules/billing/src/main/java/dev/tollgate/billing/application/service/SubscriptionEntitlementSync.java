package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.SyncSubscriptionEntitlementsUseCase;
import dev.tollgate.billing.application.port.out.EntitlementSyncSchedule;
import dev.tollgate.billing.application.port.out.SubscriptionAddonStore;
import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.domain.subscription.AddonOverlay;
import dev.tollgate.billing.domain.subscription.Entitling;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionItem;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.entitlements.api.SubscriptionEntitlementsApi;
import dev.tollgate.entitlements.api.SubscriptionEntitlementsApi.GrantedItem;
import dev.tollgate.entitlements.api.SubscriptionEntitlementsApi.SubscriptionGrant;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.TenancyApi;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the entitlements a subscription grants in step with it (ADR 0034): after every change, in the change's
 * transaction, and whenever one of its phases or item versions starts or ends or an add-on's quantity changes (the
 * worker, through the schedule). What runs now is {@link Entitling} over the items with the add-ons laid on
 * ({@link AddonOverlay}, ADR 0035); entitlements makes the customer's entitlements match it.
 */
@Singleton
class SubscriptionEntitlementSync implements SyncSubscriptionEntitlementsUseCase {
    private final SubscriptionEntitlementsApi entitlements;
    private final CatalogApi catalog;
    private final SubscriptionStore subscriptions;
    private final SubscriptionAddonStore addons;
    private final EntitlementSyncSchedule schedule;
    private final Clock clock;

    SubscriptionEntitlementSync(SubscriptionEntitlementsApi entitlements, CatalogApi catalog, SubscriptionStore subscriptions,
                                SubscriptionAddonStore addons, EntitlementSyncSchedule schedule, Clock clock) {
        this.entitlements = entitlements;
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.addons = addons;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** Syncs now, in the caller's transaction (a subscription change), and schedules the next sync. */
    void sync(Subscription subscription) {
        Instant now = clock.instant();
        schedule.schedule(subscription.namespace(), subscription.id(), syncAt(subscription, now));
    }

    @Override
    @Transactional
    public int syncDue(Instant now, int limit) {
        int synced = 0;
        for (EntitlementSyncSchedule.Due due : schedule.claim(now, limit)) {
            Subscription subscription = subscriptions.find(due.namespace(), due.subscriptionId()).orElse(null);
            schedule.schedule(due.namespace(), due.subscriptionId(), subscription == null ? null : syncAt(subscription, now));
            synced++;
        }
        return synced;
    }

    private Instant syncAt(Subscription s, Instant now) {
        // Over the add-ons too: their segment boundaries cut the items, so they are among the next change instants.
        Entitling running = Entitling.at(AddonOverlay.of(s, addons.ofSubscription(s.namespace(), s.id())).overlaid(), now);
        List<GrantedItem> items = new ArrayList<>();
        for (SubscriptionItem item : running.items()) {
            catalog.entitlementTemplate(item.rateCard()).ifPresent(t -> items.add(new GrantedItem(item.key(), t)));
        }
        boolean system = TenancyApi.SYSTEM_NAMESPACE.equals(s.namespace());
        String planKey = s.plan() == null ? null : s.plan().key();
        entitlements.materialise(new SubscriptionGrant(s.namespace(), s.customerId(), Ulid.of(s.id()), s.plan() == null ? null : s.plan().id(),
                s.plan() == null ? null : s.plan().version(), running.phaseKey(), s.billingAnchor(), items,
                system ? TierMetadata.tier(s.metadata(), planKey) : null, system ? TierMetadata.limits(s.metadata()) : null));
        return running.nextChange();
    }
}

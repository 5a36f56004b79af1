package dev.tollgate.billing.application.service;

import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.billing.application.port.in.ManageSubscriptionAddonsUseCase;
import dev.tollgate.billing.application.port.out.SubscriptionAddonStore;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.billing.domain.subscription.Timing;
import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.DocumentReader;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Buying add-ons the subscription's plan version offers, and changing how many; each change is announced as an edit. */
@Singleton
class SubscriptionAddonService implements ManageSubscriptionAddonsUseCase {
    private final SubscriptionStarts starts;
    private final SubscriptionAddonStore addons;
    private final SubscriptionEvents events;
    private final CatalogApi catalog;
    private final TenancyApi tenancy;

    private final AuditTrail audit;

    SubscriptionAddonService(SubscriptionStarts starts, SubscriptionAddonStore addons, SubscriptionEvents events, CatalogApi catalog,
                             TenancyApi tenancy, AuditTrail audit) {
        this.audit = audit;
        this.starts = starts;
        this.addons = addons;
        this.events = events;
        this.catalog = catalog;
        this.tenancy = tenancy;
    }

    @Override
    @Transactional
    public Bought create(Caller caller, String subscriptionId, Map<String, Object> document) {
        Subscription s = locked(caller, subscriptionId);
        DocumentReader r = new DocumentReader();
        String name = r.text(document, "", "name", true, 256);
        String description = r.text(document, "", "description", false, 1024);
        Map<String, String> metadata = r.metadata(document, "");
        Integer quantity = r.whole(document, "", "quantity", 0, Integer.MAX_VALUE, "must be a whole number, zero or more");
        if (quantity == null && document.get("quantity") == null) {
            r.fail("quantity", "field_required", "is required");
        }
        Map<String, Object> addon = r.object(document, "", "addon", true);
        String addonId = addon == null ? null : r.text(addon, "addon", "id", true, 26);
        r.throwIfFailed();
        Timing timing = Timing.parse(document.get("timing"), "timing", null);
        SubscriptionAddon.Offer offer = offer(s, addonId);
        if (addons.ofSubscription(s.namespace(), s.id()).stream().anyMatch(a -> a.addonId().equals(offer.addonId()))) {
            throw new ConflictException("subscription_addon_exists", "subscription " + subscriptionId + " already has add-on '" + offer.key()
                    + "'; change its quantity instead");
        }
        Instant now = starts.now();
        Instant start = s.changeAt(timing, now);
        SubscriptionAddon bought = SubscriptionAddon.buy(s, offer, name, description, metadata, quantity, start, now);
        addons.save(bought);
        events.edited(s, start); // after the save, as in update
        audit.record(caller, s.namespace(), AuditTrail.Change.created("subscription_addon", Ulid.of(bought.id()), "Add-on '" + offer.key()
                + "' (quantity " + quantity + ") added to " + AuditSnapshots.label(s), AuditSnapshots.of(bought, start)));
        return new Bought(bought, s);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Bought> list(Caller caller, String subscriptionId) {
        Subscription s = starts.require(tenancy.requireNamespace(caller, Capability.READ_BILLING).id(), subscriptionId);
        return addons.ofSubscription(s.namespace(), s.id()).stream().map(a -> new Bought(a, s)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Bought get(Caller caller, String subscriptionId, String subscriptionAddonId) {
        Subscription s = starts.require(tenancy.requireNamespace(caller, Capability.READ_BILLING).id(), subscriptionId);
        return new Bought(require(s, subscriptionAddonId), s);
    }

    @Override
    @Transactional
    public Bought update(Caller caller, String subscriptionId, String subscriptionAddonId, Map<String, Object> document) {
        Subscription s = locked(caller, subscriptionId);
        SubscriptionAddon current = require(s, subscriptionAddonId);
        DocumentReader r = new DocumentReader();
        String name = r.text(document, "", "name", false, 256);
        String description = r.text(document, "", "description", false, 1024);
        Map<String, String> metadata = r.metadata(document, "");
        Integer quantity = r.whole(document, "", "quantity", 0, Integer.MAX_VALUE, "must be a whole number, zero or more");
        r.throwIfFailed();
        Timing timing = Timing.parse(document.get("timing"), "timing", Timing.IMMEDIATE);
        Instant now = starts.now();
        SubscriptionAddon updated = current.renamed(name, description, metadata, now);
        Instant at = quantity == null ? null : s.changeAt(timing, now);
        if (quantity != null) {
            updated = updated.withQuantity(s, offer(s, Ulid.of(current.addonId())), quantity, at, now);
        }
        addons.save(updated);
        if (at != null) {
            events.edited(s, at); // after the save: the line and entitlement syncs it runs read the add-on's new timeline
        }
        Instant seen = at != null ? at : now;
        var before = AuditSnapshots.of(current, seen);
        var after = AuditSnapshots.of(updated, seen);
        if (!before.equals(after)) {
            audit.record(caller, s.namespace(), AuditTrail.Change.updated("subscription_addon", Ulid.of(updated.id()), "Add-on '"
                    + updated.addonKey() + "' of " + AuditSnapshots.label(s) + " updated", before, after));
        }
        return new Bought(updated, s);
    }

    /** The add-on as the subscription's plan version offers it; a custom plan offers none. */
    private SubscriptionAddon.Offer offer(Subscription s, String addonId) {
        if (s.plan() == null) {
            throw SubscriptionPlans.invalid("addon/id", "subscription " + Ulid.of(s.id()) + " has a custom plan, which offers no add-ons");
        }
        UUID id = Ulid.parse(addonId).orElseThrow(() -> SubscriptionPlans.invalid("addon/id", "'" + addonId + "' is not a ULID"));
        CatalogApi.AddonOffer o = catalog.offeredAddon(s.namespace(), s.plan().id(), id).orElseThrow(() -> SubscriptionPlans.invalid(
                "addon/id", "plan '" + s.plan().key() + "' version " + s.plan().version() + " does not offer add-on " + addonId));
        return new SubscriptionAddon.Offer(o.addonId(), o.key(), o.version(), o.instanceType(), o.status(), o.rateCards(), o.fromPlanPhase(),
                o.maxQuantity());
    }

    private SubscriptionAddon require(Subscription s, String subscriptionAddonId) {
        return Ulid.parse(subscriptionAddonId).flatMap(id -> addons.find(s.namespace(), s.id(), id))
                .orElseThrow(() -> NotFoundException.of("Subscription add-on", subscriptionAddonId));
    }

    private Subscription locked(Caller caller, String subscriptionId) {
        return starts.requireLocked(tenancy.requireNamespace(caller, Capability.MANAGE_BILLING).id(), subscriptionId);
    }
}

package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.domain.subscription.PlanTerms;
import dev.tollgate.billing.domain.subscription.StartRequest;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Ulid;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What creating, changing and migrating share: the one-subscription-at-a-time rule (checked under the customer's lock),
 * starting a subscription and announcing it, and finding one by id.
 */
@Singleton
class SubscriptionStarts {
    private final SubscriptionStore store;
    private final SubscriptionEvents events;
    private final Clock clock;

    SubscriptionStarts(SubscriptionStore store, SubscriptionEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    SubscriptionStore store() {
        return store;
    }

    /** A subscription of the namespace by its ULID; anything else is not found. */
    Subscription require(UUID namespace, String subscriptionId) {
        return Ulid.parse(subscriptionId).flatMap(id -> store.find(namespace, id))
                .orElseThrow(() -> NotFoundException.of("Subscription", subscriptionId));
    }

    /**
     * A subscription about to change: found, its customer locked, and read again under the lock (a concurrent change of
     * the same customer has committed by then).
     */
    Subscription requireLocked(UUID namespace, String subscriptionId) {
        Subscription s = require(namespace, subscriptionId);
        store.lockCustomer(namespace, s.customerId());
        return require(namespace, subscriptionId);
    }

    /** Takes the customer's lock, then refuses a window that shares time with another of their subscriptions. */
    void requireFree(UUID namespace, String customerId, Instant from, Instant to, UUID except) {
        store.lockCustomer(namespace, customerId);
        for (Subscription other : store.ofCustomer(namespace, customerId)) {
            if (!other.id().equals(except) && other.overlaps(from, to)) {
                throw SubscriptionConflictException.overlapping(customerId, Ulid.of(other.id()));
            }
        }
    }

    /** Starts and saves a subscription; the caller has checked that the customer is free from {@code activeFrom}. */
    Subscription begin(UUID namespace, String customerId, PlanTerms terms, StartRequest request, Instant activeFrom, Instant anchor) {
        Subscription s = Subscription.start(namespace, customerId, terms, request.startingPhase(), activeFrom, anchor, request.name(),
                request.description(), request.metadata(), now());
        store.save(s);
        events.created(s);
        return s;
    }
}

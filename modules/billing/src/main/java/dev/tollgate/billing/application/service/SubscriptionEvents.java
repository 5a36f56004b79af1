package dev.tollgate.billing.application.service;

import dev.tollgate.billing.api.events.SubscriptionCanceled;
import dev.tollgate.billing.api.events.SubscriptionChanged;
import dev.tollgate.billing.api.events.SubscriptionContinued;
import dev.tollgate.billing.api.events.SubscriptionCreated;
import dev.tollgate.billing.api.events.SubscriptionDeleted;
import dev.tollgate.billing.api.events.SubscriptionEdited;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.outbox.Outbox;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * Announces subscription changes through the outbox, in the transaction of the change, and brings the subscription's
 * pending invoice lines and its entitlements in step with it there too (so a new subscription's first lines are on the gathering invoice
 * when the request returns). The aggregate is the customer,
 * not the subscription: a change cancels one subscription and creates the next, and billing must see those in order.
 */
@Singleton
class SubscriptionEvents {
    private final Outbox outbox;
    private final SubscriptionLineSync lines;
    private final SubscriptionEntitlementSync entitlements;

    SubscriptionEvents(Outbox outbox, SubscriptionLineSync lines, SubscriptionEntitlementSync entitlements) {
        this.outbox = outbox;
        this.lines = lines;
        this.entitlements = entitlements;
    }

    void created(Subscription s) {
        publish(s, new SubscriptionCreated(s.namespace(), Ulid.of(s.id()), s.customerId(), s.activeFrom(), s.activeTo()));
    }

    void canceled(Subscription s) {
        publish(s, new SubscriptionCanceled(s.namespace(), Ulid.of(s.id()), s.customerId(), s.activeTo()));
    }

    void continued(Subscription s) {
        publish(s, new SubscriptionContinued(s.namespace(), Ulid.of(s.id()), s.customerId()));
    }

    void deleted(Subscription s) {
        publish(s, new SubscriptionDeleted(s.namespace(), Ulid.of(s.id()), s.customerId()));
    }

    void changed(Subscription previous, Subscription next) {
        lines.sync(next);
        entitlements.sync(next);
        publish(previous, new SubscriptionChanged(previous.namespace(), previous.customerId(), Ulid.of(previous.id()), Ulid.of(next.id()),
                next.activeFrom()));
    }

    void edited(Subscription s, Instant at) {
        publish(s, new SubscriptionEdited(s.namespace(), Ulid.of(s.id()), s.customerId(), at));
    }

    private void publish(Subscription s, Record event) {
        lines.sync(s);
        entitlements.sync(s);
        outbox.publish("billing-customer:" + s.customerId(), event);
    }
}

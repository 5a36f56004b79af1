package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;
import java.util.Map;

/** Add-ons bought on a subscription: buy one the plan offers, read them, change the quantity over time. */
public interface ManageSubscriptionAddonsUseCase {
    /** A SubscriptionAddonCreate document. */
    Bought create(Caller caller, String subscriptionId, Map<String, Object> document);

    List<Bought> list(Caller caller, String subscriptionId);

    Bought get(Caller caller, String subscriptionId, String subscriptionAddonId);

    /** A SubscriptionAddonUpdate document. */
    Bought update(Caller caller, String subscriptionId, String subscriptionAddonId, Map<String, Object> document);

    /** An add-on with the subscription it is on (which the view needs for the items each rate card extends). */
    record Bought(SubscriptionAddon addon, Subscription subscription) {
    }
}

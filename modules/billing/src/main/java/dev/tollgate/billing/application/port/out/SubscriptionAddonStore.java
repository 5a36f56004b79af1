package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.subscription.SubscriptionAddon;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Add-ons bought on subscriptions, one per add-on and subscription. */
public interface SubscriptionAddonStore {
    /** Inserts or replaces; buying an add-on the subscription already has is a conflict. */
    void save(SubscriptionAddon addon);

    Optional<SubscriptionAddon> find(UUID namespace, UUID subscriptionId, UUID id);

    List<SubscriptionAddon> ofSubscription(UUID namespace, UUID subscriptionId);

    /** {@link #ofSubscription} for several subscriptions in one read, by subscription; those without add-ons are left out. */
    java.util.Map<UUID, List<SubscriptionAddon>> ofSubscriptions(UUID namespace, java.util.Collection<UUID> subscriptionIds);
}

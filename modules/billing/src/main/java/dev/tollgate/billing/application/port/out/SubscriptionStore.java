package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Subscriptions, saved whole. */
public interface SubscriptionStore {
    void save(Subscription subscription);

    /** Deleted ones too: OpenMeter still answers them (inactive, with deletedAt). */
    Optional<Subscription> find(UUID namespace, UUID id);

    /** {@link #find} for several at once, in no particular order; ids of none are left out. */
    List<Subscription> findAll(UUID namespace, java.util.Collection<UUID> ids);

    /**
     * Serialises everything that decides the customer's one-subscription-at-a-time rule until the transaction ends:
     * two requests starting subscriptions for one customer check and write one after the other.
     */
    void lockCustomer(UUID namespace, String customerId);

    /** The customer's subscriptions that are not deleted, by start. */
    List<Subscription> ofCustomer(UUID namespace, String customerId);

    /** listCustomerSubscriptions: statuses at {@code now} (empty: any), ordered by {@code activeFrom} or {@code activeTo}. */
    Page<Subscription> list(UUID namespace, String customerId, List<SubscriptionStatus> statuses, String orderBy, boolean descending,
                            PageRequest page, Instant now);
}

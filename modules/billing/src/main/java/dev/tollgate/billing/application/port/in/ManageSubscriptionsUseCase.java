package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;
import java.util.Map;

/** OpenMeter's subscriptions in the caller's namespace: start one, read it, list a customer's, delete one not started. */
public interface ManageSubscriptionsUseCase {
    /** A PlanSubscriptionCreate or CustomSubscriptionCreate document. */
    Subscription create(Caller caller, Map<String, Object> document);

    /** By ULID; deleted ones too. */
    Subscription get(Caller caller, String subscriptionId);

    /** A customer's subscriptions (by ULID or key), filtered by status now, ordered by activeFrom or activeTo. */
    Page<Subscription> listOfCustomer(Caller caller, String customerIdOrKey, List<SubscriptionStatus> statuses, String orderBy,
                                      boolean descending, PageRequest page);

    /** Only scheduled subscriptions can be deleted. */
    void delete(Caller caller, String subscriptionId);
}

package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** Moving a running subscription through its lifecycle: cancel, continue, replace by another plan or version. */
public interface ChangeSubscriptionsUseCase {
    /** {@code document} is OpenMeter's cancel body ({@code timing}), empty when none was sent. */
    Subscription cancel(Caller caller, String subscriptionId, Map<String, Object> document);

    Subscription unscheduleCancelation(Caller caller, String subscriptionId);

    /** The deprecated restore: continues a canceled subscription, deleting the customer's subscriptions scheduled after it. */
    Subscription restore(Caller caller, String subscriptionId);

    /** A PlanSubscriptionChange or CustomSubscriptionChange document. */
    Change change(Caller caller, String subscriptionId, Map<String, Object> document);

    /** To another version of the subscription's plan. */
    Change migrate(Caller caller, String subscriptionId, Map<String, Object> document);

    /** The subscription as it is after the change (ending) and the one replacing it. */
    record Change(Subscription current, Subscription next) {
    }
}

package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.tenancy.api.Caller;
import java.util.Map;

/** OpenMeter's editSubscription: a batch of phase and item operations, all or nothing. */
public interface EditSubscriptionUseCase {
    /** A SubscriptionEdit document ({@code customizations}, {@code timing}). */
    Subscription edit(Caller caller, String subscriptionId, Map<String, Object> document);
}

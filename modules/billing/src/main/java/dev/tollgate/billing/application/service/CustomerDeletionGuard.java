package dev.tollgate.billing.application.service;

import dev.tollgate.billing.application.port.in.GuardCustomerDeletionUseCase;
import dev.tollgate.billing.application.port.out.SubscriptionStore;
import dev.tollgate.billing.domain.subscription.Subscription;
import dev.tollgate.billing.domain.subscription.SubscriptionStatus;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.domain.ValidationException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * OpenMeter refuses to delete a customer whose subscriptions have not ended: the subscription would go on billing a
 * customer nobody can see. Canceling them first (immediately, or waiting for a scheduled end) is the way out.
 */
@Singleton
class CustomerDeletionGuard implements GuardCustomerDeletionUseCase {
    private final SubscriptionStore subscriptions;
    private final Clock clock;

    CustomerDeletionGuard(SubscriptionStore subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void requireNothingRunning(UUID namespace, String customerId) {
        subscriptions.lockCustomer(namespace, customerId); // no subscription starts between this check and the deletion
        List<String> running = subscriptions.ofCustomer(namespace, customerId).stream()
                .filter(s -> s.status(clock.instant()) != SubscriptionStatus.INACTIVE).map(Subscription::id).map(Ulid::of).toList();
        if (!running.isEmpty()) {
            throw new ValidationException("customerIdOrKey", "customer " + customerId + " still has subscriptions that have not ended ("
                    + String.join(", ", running) + "); cancel them before deleting the customer");
        }
    }
}

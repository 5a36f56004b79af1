package dev.tollgate.billing.adapters.in.events;

import dev.tollgate.billing.application.port.in.GuardCustomerDeletionUseCase;
import dev.tollgate.tenancy.api.events.CustomerDeleting;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;

/** Tenancy asks before it deletes a customer, in the deleting transaction; billing refuses while a subscription runs. */
@Singleton
final class CustomerDeletionListener {
    private final GuardCustomerDeletionUseCase guard;

    CustomerDeletionListener(GuardCustomerDeletionUseCase guard) {
        this.guard = guard;
    }

    @EventListener
    void onDeleting(CustomerDeleting deleting) {
        guard.requireNothingRunning(deleting.namespace(), deleting.customerId());
    }
}

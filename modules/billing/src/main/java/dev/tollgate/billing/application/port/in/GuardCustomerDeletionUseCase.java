package dev.tollgate.billing.application.port.in;

import java.util.UUID;

/** Billing's say in deleting a customer: not while one of its subscriptions is still running or scheduled. */
public interface GuardCustomerDeletionUseCase {
    /** Throws a validation error naming the subscriptions when the customer has one that has not ended. */
    void requireNothingRunning(UUID namespace, String customerId);
}

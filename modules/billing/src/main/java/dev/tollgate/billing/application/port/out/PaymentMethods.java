package dev.tollgate.billing.application.port.out;

import java.util.UUID;

/** Whether a customer has a default payment method on file (Centrali's {@code hasDefaultPaymentMethod}). */
public interface PaymentMethods {
    boolean hasDefault(UUID namespace, String customerId);
}

package dev.tollgate.billing.adapters.out.payments;

import dev.tollgate.billing.application.port.out.PaymentMethods;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * No payment method is ever on file until an app that collects them (Stripe, issue 16) provides its own
 * {@link PaymentMethods}, which replaces this one (ADR 0041).
 */
@Singleton
@Secondary
final class NoPaymentMethods implements PaymentMethods {
    @Override
    public boolean hasDefault(UUID namespace, String customerId) {
        return false;
    }
}

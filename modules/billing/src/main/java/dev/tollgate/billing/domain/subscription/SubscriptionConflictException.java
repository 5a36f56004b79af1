package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.FieldError;
import java.util.List;

/**
 * A clash with the customer's other subscriptions, which OpenMeter reports as a 409 that still names the field and the
 * rule ({@code extensions.validationErrors}). The platform's {@code ConflictException} carries no field errors, so the
 * OpenMeter adapter renders this one itself.
 */
public final class SubscriptionConflictException extends RuntimeException {
    public static final String ONE_AT_A_TIME = "only_single_subscription_allowed_per_customer_at_a_time";
    private final List<FieldError> errors;

    public SubscriptionConflictException(List<FieldError> errors) {
        super(errors.isEmpty() ? "conflict" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    /** The customer already has a subscription during part of {@code [from, to)}. */
    public static SubscriptionConflictException overlapping(String customerId, String otherId) {
        return new SubscriptionConflictException(List.of(new FieldError("customerId", "customer " + customerId
                + " already has subscription " + otherId + " during that time; only one subscription per customer is allowed at a time",
                ONE_AT_A_TIME)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}

package dev.tollgate.billing.domain.subscription;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * OpenMeter's SubscriptionTiming: {@code immediate}, {@code next_billing_cycle} or an RFC 3339 instant. What each one
 * resolves to depends on the operation and the subscription, so resolving lives with {@link Subscription}.
 */
public sealed interface Timing {
    Timing IMMEDIATE = new Immediate();
    Timing NEXT_BILLING_CYCLE = new NextBillingCycle();

    record Immediate() implements Timing {
    }

    record NextBillingCycle() implements Timing {
    }

    record At(Instant instant) implements Timing {
    }

    /** The timing a request gave in {@code field}; {@code fallback} when it gave none (null when the field is required). */
    static Timing parse(Object value, String field, Timing fallback) {
        if (value == null) {
            if (fallback == null) {
                throw new ValidationException(java.util.List.of(new dev.tollgate.platform.domain.FieldError(field, "is required",
                        "field_required")));
            }
            return fallback;
        }
        if (value instanceof String text) {
            if (text.equals("immediate")) {
                return IMMEDIATE;
            }
            if (text.equals("next_billing_cycle")) {
                return NEXT_BILLING_CYCLE;
            }
            try {
                return new At(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException notATime) {
                // reported below
            }
        }
        throw new ValidationException(java.util.List.of(new dev.tollgate.platform.domain.FieldError(field,
                "must be immediate, next_billing_cycle or an RFC 3339 date-time such as 2026-01-01T00:00:00Z", "invalid_timing")));
    }
}

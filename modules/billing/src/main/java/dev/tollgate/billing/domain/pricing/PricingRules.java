package dev.tollgate.billing.domain.pricing;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The checks the kernel's inputs make on themselves. The catalog already validates rate cards, but the kernel is also
 * fed by invoice edits and simulations, and a negative price would make every total it computes wrong.
 */
final class PricingRules {
    private PricingRules() {
    }

    static BigDecimal required(BigDecimal value, String field) {
        if (value == null) {
            throw refuse("field_required", field, "is required");
        }
        return value;
    }

    static BigDecimal notNegative(BigDecimal value, String field) {
        if (required(value, field).signum() < 0) {
            throw refuse("field_must_be_positive_or_zero", field, "must be zero or positive");
        }
        return value;
    }

    /** Null stays null (an absent optional amount); a present one must not be negative. */
    static BigDecimal optionalNotNegative(BigDecimal value, String field) {
        return value == null ? null : notNegative(value, field);
    }

    static BigDecimal positive(BigDecimal value, String field) {
        if (required(value, field).signum() <= 0) {
            throw refuse("field_must_be_positive", field, "must be positive");
        }
        return value;
    }

    static ValidationException refuse(String code, String field, String message) {
        return new ValidationException(code, List.of(new FieldError(field, message, code)));
    }
}

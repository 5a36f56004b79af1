package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * A rate card's percentage off every charge of the line (50 means half). {@code correlationId} ties the discounts
 * granted on the progressive lines of one period together; it may be absent.
 */
public record PercentageDiscount(BigDecimal percentage, String correlationId) {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PercentageDiscount {
        PricingRules.notNegative(percentage, "percentage");
        if (percentage.compareTo(HUNDRED) > 0) {
            throw PricingRules.refuse("percentage_discount_invalid_value", "percentage", "must be a number from 0 to 100");
        }
    }
}

package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/** A component with what the percentage discount and the maximum spend take off it, each already rounded. */
record AdjustedComponent(ChargeComponent component, BigDecimal percentageOff, BigDecimal maximumSpendOff) {
    BigDecimal net() {
        return component.amount().subtract(percentageOff).subtract(maximumSpendOff);
    }
}

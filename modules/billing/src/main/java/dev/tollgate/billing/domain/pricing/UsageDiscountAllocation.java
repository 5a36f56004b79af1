package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * Splits a usage discount's free units between progressive lines: earlier lines of the period used
 * {@code min(free, metered before)} of them, this line gets what is left up to its own usage. The quantities the
 * prices see are what remains: {@code quantity} for this line and {@code preLinePeriodQuantity} before it, so the free
 * units are the first units of the period, however it is split.
 */
record UsageDiscountAllocation(BigDecimal quantity, BigDecimal preLinePeriodQuantity, BigDecimal freeNow, BigDecimal freeBefore) {
    static UsageDiscountAllocation of(UsageDiscount discount, BigDecimal metered, BigDecimal meteredBefore) {
        if (discount == null) {
            return new UsageDiscountAllocation(metered, meteredBefore, BigDecimal.ZERO, BigDecimal.ZERO);
        }
        BigDecimal freeBefore = discount.quantity().min(meteredBefore);
        BigDecimal freeNow = discount.quantity().subtract(freeBefore).min(metered);
        return new UsageDiscountAllocation(metered.subtract(freeNow), meteredBefore.subtract(freeBefore), freeNow, freeBefore);
    }

    BigDecimal totalAfterThisLine() {
        return preLinePeriodQuantity.add(quantity);
    }
}

package dev.tollgate.billing.domain.invoice;

import java.math.BigDecimal;

/**
 * What the meter measured for a line — in its own period, and (for a progressive line) earlier in the same service
 * period, already billed on earlier lines — and, once priced, the same two after the usage discount.
 */
public record LineQuantities(BigDecimal metered, BigDecimal meteredPreLinePeriod, BigDecimal quantity, BigDecimal preLinePeriod) {
    public static final LineQuantities FLAT = measured(BigDecimal.ONE, BigDecimal.ZERO);
    public static final LineQuantities NONE = measured(BigDecimal.ZERO, BigDecimal.ZERO);

    /** Measured, before any discount: what pricing starts from. */
    public static LineQuantities measured(BigDecimal metered, BigDecimal meteredPreLinePeriod) {
        return new LineQuantities(metered, meteredPreLinePeriod, metered, meteredPreLinePeriod);
    }
}

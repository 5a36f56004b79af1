package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A usage price as a function of the usage in a service period so far: the components that usage {@code total}
 * costs, in the order they are billed (the order the maximum spend is charged against). Progressive lines bill the
 * difference between two such results, so each pricer describes only a whole period.
 */
interface CumulativeCharges {
    List<ChargeComponent> upTo(BigDecimal total);

    /** Whether the price may be billed on progressive lines (before the period ends). */
    default boolean progressive() {
        return true;
    }
}

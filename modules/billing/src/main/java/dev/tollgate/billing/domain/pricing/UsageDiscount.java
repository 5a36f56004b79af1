package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * The first {@code quantity} units of usage in each period are free. {@code correlationId} ties what progressive lines
 * of one period used of it together; it may be absent.
 */
public record UsageDiscount(BigDecimal quantity, String correlationId) {
    public UsageDiscount {
        PricingRules.positive(quantity, "quantity");
    }
}

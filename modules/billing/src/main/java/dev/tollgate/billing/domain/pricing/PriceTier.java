package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * One tier: it covers usage up to and including {@code upToAmount} (null: open-ended) and charges a flat amount, a
 * per-unit amount, or both.
 */
public record PriceTier(BigDecimal upToAmount, BigDecimal flatAmount, BigDecimal unitAmount) {
    public PriceTier {
        PricingRules.optionalNotNegative(upToAmount, "upToAmount");
        PricingRules.optionalNotNegative(flatAmount, "flatPrice");
        PricingRules.optionalNotNegative(unitAmount, "unitPrice");
        if (flatAmount == null && unitAmount == null) {
            throw PricingRules.refuse("invalid_value", "tiers", "either FlatPrice or UnitPrice must be provided in PriceTier");
        }
    }

    boolean openEnded() {
        return upToAmount == null;
    }
}

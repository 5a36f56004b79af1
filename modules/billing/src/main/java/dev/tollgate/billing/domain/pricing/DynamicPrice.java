package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * The metered value is itself money in the line's currency; the customer pays it times {@code multiplier}
 * (1 when absent: pass-through; 1.5 is a 50% markup; 0 makes it free).
 */
public record DynamicPrice(BigDecimal multiplier, SpendCommitments commitments) implements Price {
    public DynamicPrice {
        multiplier = multiplier == null ? BigDecimal.ONE : multiplier;
        if (multiplier.signum() < 0) {
            throw PricingRules.refuse("invalid_value", "multiplier", "markup rate must not be less than 0");
        }
        commitments = commitments == null ? SpendCommitments.NONE : commitments;
    }
}

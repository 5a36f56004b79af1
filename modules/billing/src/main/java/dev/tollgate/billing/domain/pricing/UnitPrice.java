package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/** {@code amount} per unit of usage. */
public record UnitPrice(BigDecimal amount, SpendCommitments commitments) implements Price {
    public UnitPrice {
        PricingRules.notNegative(amount, "amount");
        commitments = commitments == null ? SpendCommitments.NONE : commitments;
    }
}

package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * What a customer commits to spend on one rate card per period: at least {@code minimumAmount} (topped up on the
 * period's last line) and at most {@code maximumAmount} (the rest is discounted). Either may be absent.
 */
public record SpendCommitments(BigDecimal minimumAmount, BigDecimal maximumAmount) {
    public static final SpendCommitments NONE = new SpendCommitments(null, null);

    public SpendCommitments {
        PricingRules.optionalNotNegative(minimumAmount, "minimumAmount");
        PricingRules.optionalNotNegative(maximumAmount, "maximumAmount");
        if (minimumAmount != null && maximumAmount != null && minimumAmount.compareTo(maximumAmount) > 0) {
            throw PricingRules.refuse("invalid_value", "minimumAmount", "the minimumAmount must not be greater than maximumAmount");
        }
    }
}

package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/** {@code amount} per started package of {@code quantityPerPackage} units (20 units a package: 20.1 units are two). */
public record PackagePrice(BigDecimal amount, BigDecimal quantityPerPackage, SpendCommitments commitments) implements Price {
    public PackagePrice {
        PricingRules.notNegative(amount, "amount");
        PricingRules.positive(quantityPerPackage, "quantityPerPackage");
        commitments = commitments == null ? SpendCommitments.NONE : commitments;
    }
}

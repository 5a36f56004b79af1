package dev.tollgate.billing.domain.pricing;

/** The discounts a rate card grants: a percentage off, free units, both or neither (either may be null). */
public record RateCardDiscounts(PercentageDiscount percentage, UsageDiscount usage) {
    public static final RateCardDiscounts NONE = new RateCardDiscounts(null, null);
}

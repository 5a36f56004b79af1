package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * Everything the kernel needs to price one line for one service period.
 *
 * @param name the line's name; detailed lines are named after it ({@code "<name>: usage in period"})
 * @param meteredQuantity usage metered in this line's own period, before the usage discount
 *                        (for a dynamic price: the money the meter measured)
 * @param meteredPreLinePeriodQuantity usage metered earlier in the same service period, already billed on earlier
 *                                     progressive lines (0 for the first or only line), also before the usage discount
 * @param position which progressive line of the period this is
 * @param share the part of the full service period this line covers (prorates flat prices only)
 */
public record LineToPrice(String name, CurrencyPrecision currency, Price price, RateCardDiscounts discounts,
                          BigDecimal meteredQuantity, BigDecimal meteredPreLinePeriodQuantity, SplitPosition position,
                          ServicePeriodShare share) {
    public LineToPrice {
        if (name == null || name.isBlank()) {
            throw PricingRules.refuse("field_required", "name", "is required");
        }
        if (currency == null || price == null) {
            throw PricingRules.refuse("field_required", currency == null ? "currency" : "price", "is required");
        }
        discounts = discounts == null ? RateCardDiscounts.NONE : discounts;
        meteredQuantity = meteredQuantity == null ? BigDecimal.ZERO : meteredQuantity;
        meteredPreLinePeriodQuantity = meteredPreLinePeriodQuantity == null ? BigDecimal.ZERO : meteredPreLinePeriodQuantity;
        PricingRules.notNegative(meteredQuantity, "quantity");
        PricingRules.notNegative(meteredPreLinePeriodQuantity, "preLinePeriodQuantity");
        position = position == null ? SplitPosition.WHOLE_PERIOD : position;
        share = share == null ? ServicePeriodShare.WHOLE : share;
        if (position.firstInPeriod() && meteredPreLinePeriodQuantity.signum() != 0) {
            throw PricingRules.refuse("invalid_value", "preLinePeriodQuantity",
                    "the first line of a period has no usage billed before it");
        }
        if (price instanceof FlatPrice && discounts.usage() != null) {
            throw PricingRules.refuse("usage_discount_with_flat_price", "discounts/usage",
                    "a usage discount needs a usage price; a flat price has no units to discount");
        }
    }

    /** A line that covers its whole service period and was not split: the common case. */
    public static LineToPrice wholePeriod(String name, CurrencyPrecision currency, Price price, RateCardDiscounts discounts,
                                          BigDecimal meteredQuantity) {
        return new LineToPrice(name, currency, price, discounts, meteredQuantity, BigDecimal.ZERO, SplitPosition.WHOLE_PERIOD,
                ServicePeriodShare.WHOLE);
    }
}

package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/** A dynamic price: the metered money times the markup, billed as one sum (quantity 1). */
record DynamicCharges(String line, DynamicPrice price, CurrencyPrecision currency) implements CumulativeCharges {
    @Override
    public List<ChargeComponent> upTo(BigDecimal total) {
        return List.of(ChargeComponent.lumpSum(DetailedLineNames.USAGE, DetailedLineNames.usageInPeriod(line), total,
                total.multiply(price.multiplier()), currency));
    }
}

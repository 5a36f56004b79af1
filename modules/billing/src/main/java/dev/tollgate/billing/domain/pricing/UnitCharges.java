package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/** A unit price: every unit costs the same. */
record UnitCharges(String line, UnitPrice price, CurrencyPrecision currency) implements CumulativeCharges {
    @Override
    public List<ChargeComponent> upTo(BigDecimal total) {
        return List.of(ChargeComponent.perUnit(DetailedLineNames.UNIT_USAGE, DetailedLineNames.usageInPeriod(line), total,
                price.amount(), currency));
    }
}

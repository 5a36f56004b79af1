package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * A package price: every started package costs the package amount, so usage {@code x} costs
 * {@code ceil(x / quantityPerPackage)} packages (0 for no usage). Priced cumulatively, a progressive line bills only the
 * packages its usage starts, never one that an earlier line already started.
 */
record PackageCharges(String line, PackagePrice price, CurrencyPrecision currency) implements CumulativeCharges {
    @Override
    public List<ChargeComponent> upTo(BigDecimal total) {
        BigDecimal packages = total.divide(price.quantityPerPackage(), 0, RoundingMode.CEILING);
        return List.of(ChargeComponent.perUnit(DetailedLineNames.USAGE, DetailedLineNames.usageInPeriod(line), packages,
                price.amount(), currency));
    }
}

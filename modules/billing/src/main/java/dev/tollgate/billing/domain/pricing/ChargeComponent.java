package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * One priced part of a line's usage up to some total, before discounts: what becomes a detailed line.
 *
 * @param perUnit whether it is billed per unit ({@code measure} units at {@code unitAmount}) or as one lump sum
 *                ({@code measure} is then what the sum grows with: 1 for a flat amount, the metered money for a
 *                dynamic price)
 * @param amount the component's amount, already rounded to the currency
 */
record ChargeComponent(String reference, String name, boolean perUnit, BigDecimal measure, BigDecimal unitAmount,
                       BigDecimal amount) {
    static ChargeComponent perUnit(String reference, String name, BigDecimal units, BigDecimal unitAmount, CurrencyPrecision currency) {
        return new ChargeComponent(reference, name, true, units, unitAmount, currency.round(units.multiply(unitAmount)));
    }

    static ChargeComponent lumpSum(String reference, String name, BigDecimal measure, BigDecimal amount, CurrencyPrecision currency) {
        return new ChargeComponent(reference, name, false, measure, null, currency.round(amount));
    }
}

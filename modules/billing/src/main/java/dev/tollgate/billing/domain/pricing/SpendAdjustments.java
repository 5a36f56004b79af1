package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Discounts applied to the components of a period's usage, in OpenMeter's order (digest 003b §3.5): first the
 * percentage discount on each component ({@code R(amount × pct / 100)}), then the maximum spend: components are
 * charged in order until their net reaches {@code R(max)}; the one that crosses it is discounted by the excess, every
 * later one entirely.
 */
record SpendAdjustments(PercentageDiscount percentage, BigDecimal maximum, CurrencyPrecision currency) {
    static SpendAdjustments of(PercentageDiscount percentage, SpendCommitments commitments, CurrencyPrecision currency) {
        BigDecimal maximum = commitments.maximumAmount() == null ? null : currency.round(commitments.maximumAmount());
        return new SpendAdjustments(percentage, maximum, currency);
    }

    List<AdjustedComponent> apply(List<ChargeComponent> components) {
        List<AdjustedComponent> out = new ArrayList<>(components.size());
        BigDecimal charged = currency.zero();
        for (ChargeComponent component : components) {
            BigDecimal percentageOff = percentageOff(component.amount());
            BigDecimal net = component.amount().subtract(percentageOff);
            BigDecimal maximumOff = currency.zero();
            if (maximum != null) {
                BigDecimal room = maximum.subtract(charged).max(BigDecimal.ZERO);
                maximumOff = net.subtract(room).max(currency.zero());
                net = net.subtract(maximumOff);
            }
            charged = charged.add(net);
            out.add(new AdjustedComponent(component, percentageOff, maximumOff));
        }
        return out;
    }

    BigDecimal percentageOff(BigDecimal amount) {
        if (percentage == null) {
            return currency.zero();
        }
        return currency.round(amount.multiply(percentage.percentage()).movePointLeft(2));
    }
}

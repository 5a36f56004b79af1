package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns "what the period's usage costs up to the end of this line" and "what it cost up to the line's start" into
 * this line's detailed lines: each component contributes the difference of its rounded amounts and discounts.
 * Billing differences of rounded cumulative values makes the progressive lines of a period add up to exactly what one
 * line for the whole period would bill, subunit for subunit; rounding each line's slice on its own would not
 * (three lines of one unit at 0.015 USD would bill 0.06 instead of 0.05).
 */
final class ProgressiveDifference {
    private ProgressiveDifference() {
    }

    static List<DetailedLine> children(List<AdjustedComponent> upToLineEnd, List<AdjustedComponent> beforeLine,
                                       PercentageDiscount percentage, BigDecimal maximum, CurrencyPrecision currency) {
        Map<String, AdjustedComponent> before = new HashMap<>();
        for (AdjustedComponent component : beforeLine) {
            before.put(component.component().reference(), component);
        }
        List<DetailedLine> out = new ArrayList<>();
        for (AdjustedComponent now : upToLineEnd) {
            AdjustedComponent then = before.get(now.component().reference());
            BigDecimal measure = now.component().measure().subtract(then == null ? BigDecimal.ZERO : then.component().measure());
            BigDecimal amount = now.component().amount().subtract(then == null ? currency.zero() : then.component().amount());
            BigDecimal percentageOff = now.percentageOff().subtract(then == null ? currency.zero() : then.percentageOff());
            BigDecimal maximumOff = now.maximumSpendOff().subtract(then == null ? currency.zero() : then.maximumSpendOff());
            if (measure.signum() == 0 && amount.signum() == 0 && percentageOff.signum() == 0 && maximumOff.signum() == 0) {
                continue; // nothing of this component falls in this line
            }
            List<AmountDiscount> discounts = new ArrayList<>(2);
            if (percentageOff.signum() != 0) {
                discounts.add(new AmountDiscount(DiscountReason.RATECARD_PERCENTAGE, percentageOff, null,
                        DetailedLineNames.rateCardDiscount(percentage.correlationId()), percentage.correlationId()));
            }
            if (maximumOff.signum() != 0) {
                discounts.add(new AmountDiscount(DiscountReason.MAXIMUM_SPEND, maximumOff,
                        DetailedLineNames.maximumSpendDescription(maximum.toPlainString()), DetailedLineNames.MAXIMUM_SPEND, null));
            }
            ChargeComponent component = now.component();
            BigDecimal quantity = component.perUnit() ? measure : BigDecimal.ONE;
            BigDecimal perUnitAmount = component.perUnit() ? component.unitAmount() : amount;
            out.add(new DetailedLine(component.name(), component.reference(), DetailedLineCategory.REGULAR, quantity, perUnitAmount,
                    PaymentTerm.IN_ARREARS, discounts, LineTotals.of(amount, currency.zero(), percentageOff.add(maximumOff))));
        }
        return out;
    }
}

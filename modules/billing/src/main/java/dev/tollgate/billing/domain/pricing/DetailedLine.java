package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * One child of a priced line as an invoice shows it: "{@code quantity} × {@code perUnitAmount}", its discounts and
 * totals. {@code totals.amount} is authoritative: on a progressive line it is what this line adds to the rounded
 * total of the period, which may differ by a subunit from rounding {@code quantity × perUnitAmount} on its own.
 * {@code childUniqueReferenceId} is stable across recalculations so stored children can be matched and reused.
 */
public record DetailedLine(String name, String childUniqueReferenceId, DetailedLineCategory category, BigDecimal quantity,
                           BigDecimal perUnitAmount, PaymentTerm paymentTerm, List<AmountDiscount> discounts, LineTotals totals) {
    public DetailedLine {
        discounts = List.copyOf(discounts);
    }
}

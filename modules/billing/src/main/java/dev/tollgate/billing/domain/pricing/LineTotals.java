package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.Collection;

/**
 * OpenMeter's totals of a line or detailed line, without taxes (OpenMeter computes none without a tax provider):
 * {@code amount} before discounts and commitments, {@code chargesTotal} the commitment top-ups,
 * {@code discountsTotal}, and {@code total = amount + chargesTotal − discountsTotal}.
 */
public record LineTotals(BigDecimal amount, BigDecimal chargesTotal, BigDecimal discountsTotal, BigDecimal total) {
    static LineTotals of(BigDecimal amount, BigDecimal chargesTotal, BigDecimal discountsTotal) {
        return new LineTotals(amount, chargesTotal, discountsTotal, amount.add(chargesTotal).subtract(discountsTotal));
    }

    /** The sum of {@code parts} at the currency's scale (zero when there are none). */
    public static LineTotals sum(Collection<LineTotals> parts, CurrencyPrecision currency) {
        BigDecimal amount = currency.zero();
        BigDecimal charges = currency.zero();
        BigDecimal discounts = currency.zero();
        for (LineTotals part : parts) {
            amount = amount.add(part.amount);
            charges = charges.add(part.chargesTotal);
            discounts = discounts.add(part.discountsTotal);
        }
        return of(amount, charges, discounts);
    }
}

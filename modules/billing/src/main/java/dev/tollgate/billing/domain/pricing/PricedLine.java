package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.List;

/**
 * The kernel's answer for one line period: the quantities it priced (metered, and after the usage discount), the usage
 * discount it applied (null when none), the detailed lines, and their summed totals.
 */
public record PricedLine(BigDecimal meteredQuantity, BigDecimal meteredPreLinePeriodQuantity, BigDecimal quantity,
                         BigDecimal preLinePeriodQuantity, AppliedUsageDiscount usageDiscount, List<DetailedLine> children,
                         LineTotals totals) {
    public PricedLine {
        children = List.copyOf(children);
    }

    /** The money taken off this line for one reason (percentage discount, maximum spend), over all its children. */
    public BigDecimal discounts(DiscountReason reason) {
        BigDecimal sum = BigDecimal.ZERO.setScale(totals.amount().scale());
        for (DetailedLine child : children) {
            for (AmountDiscount discount : child.discounts()) {
                if (discount.reason() == reason) {
                    sum = sum.add(discount.amount());
                }
            }
        }
        return sum;
    }

    /** The minimum-spend top-up billed on this line (zero unless it is the period's last line and spend fell short). */
    public BigDecimal commitmentCharges() {
        return totals.chargesTotal();
    }
}

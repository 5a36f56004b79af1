package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices one line for one service period (digest 003b §3.5, §4.2): applies the usage discount to the quantities,
 * prices the usage, takes off the percentage discount and what exceeds the maximum spend, tops up to the minimum
 * spend on the period's last line, and sums the detailed lines into the line's totals.
 *
 * <p>A progressive line (one of several that split a service period) bills the difference between what the period's
 * usage costs up to its end and what it cost up to its start, so however a period is split its lines add up to exactly
 * what one line for the whole period bills. Flat and volume prices are not billed progressively.
 */
public final class PriceKernel {
    private PriceKernel() {
    }

    public static PricedLine price(LineToPrice line) {
        CurrencyPrecision currency = line.currency();
        if (line.price() instanceof FlatPrice flat) {
            List<DetailedLine> children = FlatFeeCharge.children(line, flat);
            return new PricedLine(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, null, children,
                    LineTotals.sum(children.stream().map(DetailedLine::totals).toList(), currency));
        }
        CumulativeCharges charges = chargesFor(line);
        if (!charges.progressive() && !line.position().wholePeriod()) {
            throw PricingRules.refuse("invoice_line_graduated_split_not_supported", "price",
                    "a volume-tiered price depends on the whole period's usage and cannot be billed progressively");
        }
        UsageDiscountAllocation usage = UsageDiscountAllocation.of(line.discounts().usage(), line.meteredQuantity(),
                line.meteredPreLinePeriodQuantity());
        SpendCommitments commitments = line.price().commitments();
        SpendAdjustments adjustments = SpendAdjustments.of(line.discounts().percentage(), commitments, currency);

        List<AdjustedComponent> upToLineEnd = adjustments.apply(charges.upTo(usage.totalAfterThisLine()));
        // The first line of a period starts from nothing billed: that is where a first tier's flat amount is charged.
        List<AdjustedComponent> beforeLine = line.position().firstInPeriod() ? List.of()
                : adjustments.apply(charges.upTo(usage.preLinePeriodQuantity()));

        List<DetailedLine> children = new ArrayList<>(ProgressiveDifference.children(upToLineEnd, beforeLine,
                line.discounts().percentage(), adjustments.maximum(), currency));
        if (line.position().lastInPeriod()) {
            MinimumSpendTopUp.forPeriod(line.name(), commitments, upToLineEnd, currency).ifPresent(children::add);
        }
        return new PricedLine(line.meteredQuantity(), line.meteredPreLinePeriodQuantity(), usage.quantity(),
                usage.preLinePeriodQuantity(), appliedUsageDiscount(line.discounts().usage(), usage), children,
                LineTotals.sum(children.stream().map(DetailedLine::totals).toList(), currency));
    }

    private static CumulativeCharges chargesFor(LineToPrice line) {
        String name = line.name();
        CurrencyPrecision currency = line.currency();
        Price price = line.price();
        if (price instanceof UnitPrice unit) {
            return new UnitCharges(name, unit, currency);
        }
        if (price instanceof PackagePrice pkg) {
            return new PackageCharges(name, pkg, currency);
        }
        if (price instanceof DynamicPrice dynamic) {
            return new DynamicCharges(name, dynamic, currency);
        }
        if (price instanceof TieredPrice tiered) {
            return tiered.mode() == TierMode.VOLUME ? new VolumeCharges(name, tiered, currency)
                    : new GraduatedCharges(name, tiered, currency);
        }
        throw new IllegalStateException("flat prices are priced by FlatFeeCharge, not as usage: " + price);
    }

    private static AppliedUsageDiscount appliedUsageDiscount(UsageDiscount discount, UsageDiscountAllocation usage) {
        if (discount == null || usage.freeNow().signum() == 0) {
            return null;
        }
        return new AppliedUsageDiscount(usage.freeNow(), usage.freeBefore(), discount.correlationId(),
                DetailedLineNames.rateCardDiscount(discount.correlationId()));
    }
}

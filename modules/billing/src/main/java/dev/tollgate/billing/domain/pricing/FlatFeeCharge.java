package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A flat price: one detailed line of quantity 1, prorated to the share of the service period the line covers, billed
 * on the period's first line when paid in advance and on its last when paid in arrears. Zero amounts produce no
 * detailed line (OpenMeter never bills an empty flat fee). Only a percentage discount applies.
 */
final class FlatFeeCharge {
    private FlatFeeCharge() {
    }

    static List<DetailedLine> children(LineToPrice line, FlatPrice price) {
        boolean billedHere = price.paymentTerm() == PaymentTerm.IN_ADVANCE ? line.position().firstInPeriod() : line.position().lastInPeriod();
        if (!billedHere) {
            return List.of();
        }
        CurrencyPrecision currency = line.currency();
        BigDecimal amount = line.share().prorate(price.amount(), currency);
        if (amount.signum() == 0) {
            return List.of();
        }
        PercentageDiscount percentage = line.discounts().percentage();
        BigDecimal percentageOff = SpendAdjustments.of(percentage, SpendCommitments.NONE, currency).percentageOff(amount);
        List<AmountDiscount> discounts = new ArrayList<>(1);
        if (percentageOff.signum() != 0) {
            discounts.add(new AmountDiscount(DiscountReason.RATECARD_PERCENTAGE, percentageOff, null,
                    DetailedLineNames.rateCardDiscount(percentage.correlationId()), percentage.correlationId()));
        }
        return List.of(new DetailedLine(line.name(), DetailedLineNames.FLAT, DetailedLineCategory.REGULAR, BigDecimal.ONE, amount,
                price.paymentTerm(), discounts, LineTotals.of(amount, currency.zero(), percentageOff)));
    }
}

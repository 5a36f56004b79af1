package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The minimum spend: on the period's last line, if everything the period billed (net of discounts) is below
 * {@code R(min)}, a commitment line charges the shortfall. Earlier progressive lines never top up, since usage may
 * still reach the minimum.
 */
final class MinimumSpendTopUp {
    private MinimumSpendTopUp() {
    }

    static Optional<DetailedLine> forPeriod(String line, SpendCommitments commitments, List<AdjustedComponent> wholePeriodSoFar,
                                            CurrencyPrecision currency) {
        if (commitments.minimumAmount() == null) {
            return Optional.empty();
        }
        BigDecimal minimum = currency.round(commitments.minimumAmount());
        BigDecimal billed = currency.zero();
        for (AdjustedComponent component : wholePeriodSoFar) {
            billed = billed.add(component.net());
        }
        if (billed.compareTo(minimum) >= 0) {
            return Optional.empty();
        }
        BigDecimal shortfall = minimum.subtract(billed);
        return Optional.of(new DetailedLine(DetailedLineNames.minimumSpend(line), DetailedLineNames.MINIMUM_SPEND,
                DetailedLineCategory.COMMITMENT, BigDecimal.ONE, shortfall, PaymentTerm.IN_ARREARS, List.of(),
                LineTotals.of(currency.zero(), shortfall, currency.zero())));
    }
}

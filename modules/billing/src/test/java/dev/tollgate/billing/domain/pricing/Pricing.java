package dev.tollgate.billing.domain.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shorthands for the kernel's tests: prices, whole-period lines, and exact comparisons of what they bill. */
final class Pricing {
    static final CurrencyPrecision USD = CurrencyPrecision.of("USD");
    static final CurrencyPrecision JPY = CurrencyPrecision.of("JPY");
    static final CurrencyPrecision BHD = CurrencyPrecision.of("BHD");

    private Pricing() {
    }

    static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    static PriceTier tier(String upTo, String flat, String unit) {
        return new PriceTier(upTo == null ? null : d(upTo), flat == null ? null : d(flat), unit == null ? null : d(unit));
    }

    static SpendCommitments commitments(String minimum, String maximum) {
        return new SpendCommitments(minimum == null ? null : d(minimum), maximum == null ? null : d(maximum));
    }

    static PricedLine whole(CurrencyPrecision currency, Price price, String quantity) {
        return whole(currency, price, RateCardDiscounts.NONE, quantity);
    }

    static PricedLine whole(CurrencyPrecision currency, Price price, RateCardDiscounts discounts, String quantity) {
        return PriceKernel.price(LineToPrice.wholePeriod("API calls", currency, price, discounts, d(quantity)));
    }

    /** A progressive line: {@code quantity} metered in it, {@code before} metered on earlier lines of the period. */
    static PricedLine split(CurrencyPrecision currency, Price price, RateCardDiscounts discounts, BigDecimal before,
                            BigDecimal quantity, SplitPosition position) {
        return PriceKernel.price(new LineToPrice("API calls", currency, price, discounts, quantity, before, position,
                ServicePeriodShare.WHOLE));
    }

    /** Each detailed line as "reference qty×perUnit=amount -discounts +charges". */
    static List<String> describe(PricedLine line) {
        return line.children().stream().map(c -> c.childUniqueReferenceId() + " " + c.quantity().toPlainString() + "x"
                + c.perUnitAmount().toPlainString() + "=" + c.totals().amount().toPlainString()
                + (c.totals().discountsTotal().signum() == 0 ? "" : " -" + c.totals().discountsTotal().toPlainString())
                + (c.totals().chargesTotal().signum() == 0 ? "" : " +" + c.totals().chargesTotal().toPlainString())).toList();
    }

    /** Asserts the line's total with its scale: {@code "115.05"} does not equal a total of {@code 115.050}. */
    static void assertTotal(String expected, PricedLine line) {
        assertEquals(d(expected), line.totals().total(), () -> "children: " + describe(line));
    }

    /** Amount per detailed-line reference, to compare what splits bill component by component. */
    static Map<String, BigDecimal> amountsByReference(List<PricedLine> lines) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (PricedLine line : lines) {
            for (DetailedLine child : line.children()) {
                out.merge(child.childUniqueReferenceId(), child.totals().total(), BigDecimal::add);
            }
        }
        return out;
    }
}

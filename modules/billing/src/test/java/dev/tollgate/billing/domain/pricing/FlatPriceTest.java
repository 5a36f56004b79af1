package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatPriceTest {
    private static PricedLine flat(CurrencyPrecision currency, FlatPrice price, RateCardDiscounts discounts, SplitPosition position,
                                   ServicePeriodShare share) {
        return PriceKernel.price(new LineToPrice("Platform", currency, price, discounts, BigDecimal.ZERO, BigDecimal.ZERO,
                position, share));
    }

    @Test
    void oneDetailedLineOfQuantityOneNamedAfterTheLine() {
        PricedLine line = flat(USD, new FlatPrice(d("100"), null), null, SplitPosition.WHOLE_PERIOD, null);
        assertEquals(List.of("flat-price 1x100.00=100.00"), describe(line));
        assertEquals("Platform", line.children().get(0).name());
        assertEquals(PaymentTerm.IN_ADVANCE, line.children().get(0).paymentTerm());
        assertEquals(BigDecimal.ONE, line.quantity());
    }

    /** Proration: the fee times the covered share of its full service period, rounded once. */
    @ParameterizedTest(name = "{0} {1} for {2}s of {3}s costs {4}")
    @CsvSource({
            "USD, 100, 2592000, 2592000, 100.00",   // the whole 30 days
            "USD, 100, 1296000, 2592000, 50.00",    // 15 of 30 days
            "USD, 100, 86400, 259200, 33.33",       // 1 of 3 days
            "USD, 200, 172800, 259200, 133.33",     // 2 of 3 days
            "USD, 0.01, 1, 2, 0.01",                // half a cent goes up
            "USD, 0.01, 1, 3, 0.00",                // a third of a cent is nothing
            "JPY, 100, 1, 3, 33",
            "JPY, 1, 1, 2, 1",                      // half a yen goes up
            "BHD, 1, 1, 3, 0.333",
            "BHD, 0.001, 1, 2, 0.001",
            "USD, 1000000000000, 1, 2678400, 373357.23"})  // one second of a 31-day month
    void proratesToTheServedShare(String code, String amount, long served, long full, String total) {
        PricedLine line = flat(CurrencyPrecision.of(code), new FlatPrice(d(amount), PaymentTerm.IN_ADVANCE), null,
                SplitPosition.WHOLE_PERIOD, new ServicePeriodShare(Duration.ofSeconds(served), Duration.ofSeconds(full)));
        assertTotal(total, line);
    }

    @Test
    void zeroAmountsBillNothing() {
        assertEquals(List.of(), flat(USD, new FlatPrice(d("0"), null), null, SplitPosition.WHOLE_PERIOD, null).children());
        PricedLine tiny = flat(USD, new FlatPrice(d("0.01"), null), null, SplitPosition.WHOLE_PERIOD,
                new ServicePeriodShare(Duration.ofSeconds(1), Duration.ofSeconds(3)));
        assertEquals(List.of(), tiny.children());
        assertTotal("0.00", tiny);
    }

    @ParameterizedTest(name = "{0} on the {1} line bills {2}")
    @CsvSource({
            "IN_ADVANCE, WHOLE_PERIOD, 100.00", "IN_ADVANCE, FIRST, 100.00", "IN_ADVANCE, MIDDLE, 0.00", "IN_ADVANCE, LAST, 0.00",
            "IN_ARREARS, WHOLE_PERIOD, 100.00", "IN_ARREARS, FIRST, 0.00", "IN_ARREARS, MIDDLE, 0.00", "IN_ARREARS, LAST, 100.00"})
    void inAdvanceOnTheFirstLineInArrearsOnTheLast(PaymentTerm term, String position, String total) {
        SplitPosition at = switch (position) {
            case "FIRST" -> SplitPosition.FIRST;
            case "MIDDLE" -> SplitPosition.MIDDLE;
            case "LAST" -> SplitPosition.LAST;
            default -> SplitPosition.WHOLE_PERIOD;
        };
        assertTotal(total, flat(USD, new FlatPrice(d("100"), term), null, at, null));
    }

    @Test
    void percentageDiscountIsRoundedOnTheProratedAmount() {
        PricedLine line = flat(USD, new FlatPrice(d("100"), null), new RateCardDiscounts(new PercentageDiscount(d("10"), "c1"), null),
                SplitPosition.WHOLE_PERIOD, new ServicePeriodShare(Duration.ofDays(1), Duration.ofDays(3)));
        // 33.33 prorated, 10% = 3.333 → 3.33 off
        assertEquals(List.of("flat-price 1x33.33=33.33 -3.33"), describe(line));
        assertEquals(d("3.33"), line.discounts(DiscountReason.RATECARD_PERCENTAGE));
        assertEquals("rateCardDiscount/correlationID=c1", line.children().get(0).discounts().get(0).childUniqueReferenceId());
        assertTotal("30.00", line);
    }

    @Test
    void aUsageDiscountNeedsUnitsToDiscount() {
        ValidationException refused = assertThrows(ValidationException.class, () -> flat(USD, new FlatPrice(d("100"), null),
                new RateCardDiscounts(null, new UsageDiscount(d("5"), null)), SplitPosition.WHOLE_PERIOD, null));
        assertEquals("usage_discount_with_flat_price", refused.errors().get(0).code());
    }

    @Test
    void theServedPartCannotExceedTheFullPeriod() {
        assertThrows(ValidationException.class, () -> new ServicePeriodShare(Duration.ofDays(2), Duration.ofDays(1)));
        assertThrows(ValidationException.class, () -> new ServicePeriodShare(Duration.ZERO, Duration.ZERO));
    }
}

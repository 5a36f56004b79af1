package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.BHD;
import static dev.tollgate.billing.domain.pricing.Pricing.JPY;
import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.commitments;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.tier;
import static dev.tollgate.billing.domain.pricing.Pricing.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpendCommitmentsTest {
    @ParameterizedTest(name = "{0} units against a minimum of 10: top-up {1}")
    @CsvSource({"0, 10.00, 10.00", "3, 7.00, 10.00", "9.994, 0.01, 10.00", "9.995, 0.00, 10.00", "10, 0.00, 10.00", "12, 0.00, 12.00"})
    void minimumSpendTopsUpOnTheLastLine(String quantity, String topUp, String total) {
        PricedLine line = whole(USD, new UnitPrice(d("1"), commitments("10", null)), quantity);
        assertEquals(d(topUp), line.commitmentCharges());
        assertTotal(total, line);
    }

    @Test
    void minimumSpendIsACommitmentLine() {
        PricedLine line = whole(USD, new UnitPrice(d("1"), commitments("10", null)), "3");
        DetailedLine topUp = line.children().get(1);
        assertEquals("API calls: minimum spend", topUp.name());
        assertEquals("min-spend", topUp.childUniqueReferenceId());
        assertEquals(DetailedLineCategory.COMMITMENT, topUp.category());
        assertEquals(d("0.00"), topUp.totals().amount());
        assertEquals(d("7.00"), topUp.totals().chargesTotal());
        assertEquals(d("3.00"), line.totals().amount());
    }

    @Test
    void minimumSpendCountsWhatIsLeftAfterDiscounts() {
        RateCardDiscounts tenPercent = new RateCardDiscounts(new PercentageDiscount(d("10"), null), null);
        PricedLine line = whole(USD, new UnitPrice(d("1"), commitments("10", null)), tenPercent, "10");
        assertEquals(List.of("unit-price-usage 10x1=10.00 -1.00", "min-spend 1x1.00=0.00 +1.00"), describe(line));
        assertTotal("10.00", line);
    }

    @ParameterizedTest(name = "{0}: minimum {1} rounds to {2}")
    @CsvSource({"USD, 0.005, 0.01", "JPY, 0.5, 1", "BHD, 0.0005, 0.001"})
    void minimumIsRoundedToTheCurrency(String code, String minimum, String total) {
        assertTotal(total, whole(CurrencyPrecision.of(code), new UnitPrice(d("1"), commitments(minimum, null)), "0"));
    }

    @ParameterizedTest(name = "{0} units against a maximum of 10: {1} off")
    @CsvSource({"0, 0.00, 0.00", "9.99, 0.00, 9.99", "10, 0.00, 10.00", "10.01, 0.01, 10.00", "15, 5.00, 10.00",
            "1000000000000000000, 999999999999999990.00, 10.00"})
    void maximumSpendCapsTheLine(String quantity, String off, String total) {
        PricedLine line = whole(USD, new UnitPrice(d("1"), commitments(null, "10")), quantity);
        assertEquals(d(off), line.discounts(DiscountReason.MAXIMUM_SPEND));
        assertTotal(total, line);
    }

    @Test
    void theLineThatCrossesTheMaximumIsCutAndLaterOnesAreFree() {
        TieredPrice price = new TieredPrice(TierMode.GRADUATED, List.of(tier("10", null, "1"), tier(null, "3", "2")),
                commitments(null, "12"));
        PricedLine line = whole(USD, price, "12");
        assertEquals(List.of("graduated-tiered-1-price-usage 10x1=10.00", "graduated-tiered-2-flat-price 1x3.00=3.00 -1.00",
                "graduated-tiered-2-price-usage 2x2=4.00 -4.00"), describe(line));
        AmountDiscount cut = line.children().get(1).discounts().get(0);
        assertEquals(DiscountReason.MAXIMUM_SPEND, cut.reason());
        assertEquals("Maximum spend discount for charges over 12.00", cut.description());
        assertTotal("12.00", line);
    }

    @Test
    void maximumAppliesAfterThePercentageDiscount() {
        RateCardDiscounts half = new RateCardDiscounts(new PercentageDiscount(d("50"), null), null);
        PricedLine line = whole(USD, new UnitPrice(d("1"), commitments(null, "10")), half, "30");
        assertEquals(List.of("unit-price-usage 30x1=30.00 -20.00"), describe(line));
        assertEquals(d("15.00"), line.discounts(DiscountReason.RATECARD_PERCENTAGE));
        assertEquals(d("5.00"), line.discounts(DiscountReason.MAXIMUM_SPEND));
        assertTotal("10.00", line);
    }

    @Test
    void minimumAndMaximumTogether() {
        UnitPrice price = new UnitPrice(d("1"), commitments("5", "10"));
        assertTotal("5.00", whole(USD, price, "2"));
        assertTotal("7.00", whole(USD, price, "7"));
        assertTotal("10.00", whole(USD, price, "70"));
        assertTotal("10", whole(JPY, price, "70"));
        assertTotal("5.000", whole(BHD, price, "0"));
    }

    @Test
    void theMinimumCannotExceedTheMaximum() {
        assertThrows(ValidationException.class, () -> commitments("11", "10"));
        assertThrows(ValidationException.class, () -> commitments("-1", null));
    }
}

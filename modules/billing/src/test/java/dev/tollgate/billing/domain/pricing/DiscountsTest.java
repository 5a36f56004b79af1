package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.tier;
import static dev.tollgate.billing.domain.pricing.Pricing.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DiscountsTest {
    private static RateCardDiscounts free(String units) {
        return new RateCardDiscounts(null, new UsageDiscount(d(units), "u1"));
    }

    private static RateCardDiscounts percent(String percentage) {
        return new RateCardDiscounts(new PercentageDiscount(d(percentage), "p1"), null);
    }

    @ParameterizedTest(name = "{1} metered with {0} free: {2} billed, {3} free")
    @CsvSource({"100, 150, 50, 100", "100, 100, 0, 100", "100, 80, 0, 80", "0.5, 2.25, 1.75, 0.5"})
    void usageDiscountMakesTheFirstUnitsFree(String freeUnits, String metered, String billed, String discounted) {
        PricedLine line = whole(USD, new UnitPrice(d("1"), null), free(freeUnits), metered);
        assertEquals(d(billed), line.quantity());
        assertEquals(d(metered), line.meteredQuantity());
        assertEquals(d(discounted), line.usageDiscount().quantity());
        assertEquals("rateCardDiscount/correlationID=u1", line.usageDiscount().childUniqueReferenceId());
        assertEquals(line.quantity().setScale(2), line.totals().total());
    }

    @Test
    void usageDiscountOnGraduatedTiersFreesTheCheapestFirstUnits() {
        TieredPrice price = new TieredPrice(TierMode.GRADUATED, List.of(tier("10", null, "1"), tier(null, null, "2")), null);
        // 15 metered, 5 free → 10 billed, all in tier 1
        assertEquals(List.of("graduated-tiered-1-price-usage 10x1=10.00"), describe(whole(USD, price, free("5"), "15")));
    }

    @Test
    void noUsageNoUsageDiscountRecorded() {
        assertNull(whole(USD, new UnitPrice(d("1"), null), free("10"), "0").usageDiscount());
    }

    @ParameterizedTest(name = "{0}% of {1} units at 0.05")
    @CsvSource({"10, 100, 0.50, 4.50", "33.333, 1, 0.02, 0.03", "50, 1, 0.03, 0.02", "100, 7, 0.35, 0.00", "0, 7, 0.00, 0.35"})
    void percentageDiscountIsRoundedPerDetailedLine(String percentage, String quantity, String off, String total) {
        PricedLine line = whole(USD, new UnitPrice(d("0.05"), null), percent(percentage), quantity);
        assertEquals(d(off), line.discounts(DiscountReason.RATECARD_PERCENTAGE));
        assertEquals(d(off), line.totals().discountsTotal());
        assertTotal(total, line);
    }

    @Test
    void percentageDiscountAppliesToEachTierOnItsOwn() {
        TieredPrice price = new TieredPrice(TierMode.GRADUATED, List.of(tier("1", null, "0.05"), tier(null, null, "0.05")), null);
        // each tier's 0.05 loses 0.025 → 0.03; one 0.10 line would lose 0.05
        PricedLine line = whole(USD, price, percent("50"), "2");
        assertEquals(List.of("graduated-tiered-1-price-usage 1x0.05=0.05 -0.03", "graduated-tiered-2-price-usage 1x0.05=0.05 -0.03"),
                describe(line));
        assertTotal("0.04", line);
        AmountDiscount discount = line.children().get(0).discounts().get(0);
        assertEquals(DiscountReason.RATECARD_PERCENTAGE, discount.reason());
        assertEquals("p1", discount.correlationId());
    }

    @Test
    void percentagesAreBetweenZeroAndHundred() {
        ValidationException refused = assertThrows(ValidationException.class, () -> new PercentageDiscount(d("100.01"), null));
        assertEquals("percentage_discount_invalid_value", refused.errors().get(0).code());
        assertThrows(ValidationException.class, () -> new PercentageDiscount(d("-1"), null));
        assertThrows(ValidationException.class, () -> new UsageDiscount(d("0"), null));
    }
}

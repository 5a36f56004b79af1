package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.tier;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What the kernel refuses to price: each refusal carries OpenMeter's code, since it reaches clients as a 400. */
class LineToPriceTest {
    private static final UnitPrice PRICE = new UnitPrice(d("1"), null);

    private static void refused(String code, Executable input) {
        assertEquals(code, assertThrows(ValidationException.class, input).errors().get(0).code());
    }

    @Test
    void quantitiesAreNeverNegative() {
        refused("field_must_be_positive_or_zero", () -> LineToPrice.wholePeriod("x", USD, PRICE, null, d("-1")));
        refused("field_must_be_positive_or_zero", () -> new LineToPrice("x", USD, PRICE, null, d("1"), d("-1"),
                SplitPosition.LAST, null));
    }

    @Test
    void theFirstLineOfAPeriodHasNothingBefore() {
        refused("invalid_value", () -> new LineToPrice("x", USD, PRICE, null, d("1"), d("2"), SplitPosition.FIRST, null));
    }

    @Test
    void pricesAreNeverNegative() {
        refused("field_must_be_positive_or_zero", () -> new UnitPrice(d("-0.01"), null));
        refused("field_must_be_positive_or_zero", () -> new FlatPrice(d("-1"), null));
        refused("field_must_be_positive_or_zero", () -> tier(null, "-1", null));
    }

    @Test
    void tiersNeedOneOpenEndedTierDistinctBoundsAndAPrice() {
        refused("invoice_line_no_tiers", () -> new TieredPrice(TierMode.GRADUATED, List.of(), null));
        refused("invoice_line_missing_open_ended_tier", () -> new TieredPrice(TierMode.VOLUME, List.of(tier("10", "1", null)), null));
        refused("invoice_line_missing_open_ended_tier", () -> new TieredPrice(TierMode.VOLUME,
                List.of(tier(null, "1", null), tier(null, "2", null)), null));
        refused("invalid_value", () -> new TieredPrice(TierMode.GRADUATED,
                List.of(tier("10", "1", null), tier("10.0", "2", null), tier(null, "3", null)), null));
        refused("invalid_value", () -> tier("10", null, null));
    }

    @Test
    void defaultsAreOpenMetersDefaults() {
        assertEquals(PaymentTerm.IN_ADVANCE, new FlatPrice(d("1"), null).paymentTerm());
        assertEquals(BigDecimal.ONE, new DynamicPrice(null, null).multiplier());
        LineToPrice line = LineToPrice.wholePeriod("x", USD, PRICE, null, null);
        assertEquals(BigDecimal.ZERO, line.meteredQuantity());
        assertEquals(SplitPosition.WHOLE_PERIOD, line.position());
        assertEquals(ServicePeriodShare.WHOLE, line.share());
    }
}

package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DynamicPriceTest {
    @ParameterizedTest(name = "{0}: {2} metered at multiplier {1} costs {3}")
    @CsvSource({
            "USD, 1.5, 0, 0.00", "USD, 1.5, 10, 15.00", "USD, 1.5, 0.333, 0.50", "USD, 1, 0.005, 0.01", "USD, 0, 99, 0.00",
            "USD, 0.5, 0.01, 0.01", "USD, 1.1, 1000000000000000000000.01, 1100000000000000000000.01",
            "JPY, 1, 0.5, 1", "JPY, 1.5, 3, 5", "BHD, 1.5, 0.001, 0.002", "BHD, 1, 1.0004, 1.000"})
    void billsTheMeteredMoneyTimesTheMultiplier(String code, String multiplier, String metered, String total) {
        assertTotal(total, whole(CurrencyPrecision.of(code), new DynamicPrice(d(multiplier), null), metered));
    }

    @Test
    void oneLumpSumOfQuantityOne() {
        assertEquals(List.of("usage 1x15.00=15.00"), describe(whole(USD, new DynamicPrice(d("1.5"), null), "10")));
        assertEquals(List.of(), whole(USD, new DynamicPrice(null, null), "0").children());
    }

    @Test
    void multiplierDefaultsToOneAndIsNeverNegative() {
        assertTotal("12.35", whole(USD, new DynamicPrice(null, null), "12.345"));
        assertThrows(ValidationException.class, () -> new DynamicPrice(d("-0.1"), null));
    }
}

package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.BHD;
import static dev.tollgate.billing.domain.pricing.Pricing.JPY;
import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.tier;
import static dev.tollgate.billing.domain.pricing.Pricing.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GraduatedTieredPriceTest {
    /** Listed out of order on purpose: tiers are priced in the order of their bounds. */
    static final TieredPrice PRICE = new TieredPrice(TierMode.GRADUATED, List.of(
            tier(null, "20", "0.01"),
            tier("1000", "5", "0.10"),
            tier("5000", "10", "0.05")), null);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("0", List.of("graduated-tiered-1-flat-price 1x5.00=5.00"), "5.00"),
                Arguments.of("1", List.of("graduated-tiered-1-flat-price 1x5.00=5.00", "graduated-tiered-1-price-usage 1x0.10=0.10"), "5.10"),
                Arguments.of("1000", List.of("graduated-tiered-1-flat-price 1x5.00=5.00",
                        "graduated-tiered-1-price-usage 1000x0.10=100.00"), "105.00"),
                Arguments.of("1001", List.of("graduated-tiered-1-flat-price 1x5.00=5.00", "graduated-tiered-1-price-usage 1000x0.10=100.00",
                        "graduated-tiered-2-flat-price 1x10.00=10.00", "graduated-tiered-2-price-usage 1x0.05=0.05"), "115.05"),
                Arguments.of("1000.5", List.of("graduated-tiered-1-flat-price 1x5.00=5.00", "graduated-tiered-1-price-usage 1000x0.10=100.00",
                        "graduated-tiered-2-flat-price 1x10.00=10.00", "graduated-tiered-2-price-usage 0.5x0.05=0.03"), "115.03"),
                Arguments.of("5000", List.of("graduated-tiered-1-flat-price 1x5.00=5.00", "graduated-tiered-1-price-usage 1000x0.10=100.00",
                        "graduated-tiered-2-flat-price 1x10.00=10.00", "graduated-tiered-2-price-usage 4000x0.05=200.00"), "315.00"),
                Arguments.of("5001", List.of("graduated-tiered-1-flat-price 1x5.00=5.00", "graduated-tiered-1-price-usage 1000x0.10=100.00",
                        "graduated-tiered-2-flat-price 1x10.00=10.00", "graduated-tiered-2-price-usage 4000x0.05=200.00",
                        "graduated-tiered-3-flat-price 1x20.00=20.00", "graduated-tiered-3-price-usage 1x0.01=0.01"), "335.01"),
                Arguments.of("1000000000000", List.of("graduated-tiered-1-flat-price 1x5.00=5.00",
                        "graduated-tiered-1-price-usage 1000x0.10=100.00", "graduated-tiered-2-flat-price 1x10.00=10.00",
                        "graduated-tiered-2-price-usage 4000x0.05=200.00", "graduated-tiered-3-flat-price 1x20.00=20.00",
                        "graduated-tiered-3-price-usage 999999995000x0.01=9999999950.00"), "10000000285.00"));
    }

    @ParameterizedTest(name = "{0} units")
    @MethodSource("cases")
    void billsEachSliceAtItsTierAndEachEnteredTiersFlatAmount(String quantity, List<String> children, String total) {
        PricedLine line = whole(USD, PRICE, quantity);
        assertEquals(children, describe(line));
        assertTotal(total, line);
    }

    @Test
    void detailedLinesAreNamedByTier() {
        List<String> names = whole(USD, PRICE, "1001").children().stream().map(DetailedLine::name).toList();
        assertEquals(List.of("API calls: flat price for tier 1", "API calls: usage price for tier 1",
                "API calls: flat price for tier 2", "API calls: usage price for tier 2"), names);
    }

    /** Each tier's slice is rounded on its own before the slices are summed: two half subunits make two subunits, not one. */
    @ParameterizedTest(name = "{0}: one unit in each of two tiers at {1} costs {2}")
    @CsvSource({"USD, 0.005, 0.02", "JPY, 0.5, 2", "BHD, 0.0005, 0.002"})
    void roundsEachTiersSliceSeparately(String code, String unit, String total) {
        TieredPrice price = new TieredPrice(TierMode.GRADUATED, List.of(tier("1", null, unit), tier(null, null, unit)), null);
        assertTotal(total, whole(CurrencyPrecision.of(code), price, "2"));
    }

    @Test
    void jpyAndBhdKeepTheirScale() {
        assertTotal("115", whole(JPY, PRICE, "1001"));
        assertTotal("115.050", whole(BHD, PRICE, "1001"));
    }
}

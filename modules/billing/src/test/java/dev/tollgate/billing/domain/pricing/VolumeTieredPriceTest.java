package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.tier;
import static dev.tollgate.billing.domain.pricing.Pricing.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeTieredPriceTest {
    static final TieredPrice PRICE = new TieredPrice(TierMode.VOLUME, List.of(
            tier("1000", "20", "0.5"),
            tier(null, null, "0.1"),
            tier("100", "10", "1")), null);

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("0", List.of("volume-flat-price 1x10.00=10.00"), "10.00"),
                Arguments.of("1", List.of("volume-flat-price 1x10.00=10.00", "volume-tiered-price 1x1=1.00"), "11.00"),
                Arguments.of("100", List.of("volume-flat-price 1x10.00=10.00", "volume-tiered-price 100x1=100.00"), "110.00"),
                Arguments.of("100.5", List.of("volume-flat-price 1x20.00=20.00", "volume-tiered-price 100.5x0.5=50.25"), "70.25"),
                Arguments.of("101", List.of("volume-flat-price 1x20.00=20.00", "volume-tiered-price 101x0.5=50.50"), "70.50"),
                Arguments.of("1000", List.of("volume-flat-price 1x20.00=20.00", "volume-tiered-price 1000x0.5=500.00"), "520.00"),
                Arguments.of("1001", List.of("volume-tiered-price 1001x0.1=100.10"), "100.10"),
                Arguments.of("1000000000000000", List.of("volume-tiered-price 1000000000000000x0.1=100000000000000.00"),
                        "100000000000000.00"));
    }

    @ParameterizedTest(name = "{0} units")
    @MethodSource("cases")
    void allUsageIsPricedAtTheTierTheTotalFallsIn(String quantity, List<String> children, String total) {
        PricedLine line = whole(USD, PRICE, quantity);
        assertEquals(children, describe(line));
        assertTotal(total, line);
    }

    @Test
    void detailedLinesAreNamedByTier() {
        assertEquals(List.of("API calls: flat price for tier 2", "API calls: unit price for tier 2"),
                whole(USD, PRICE, "101").children().stream().map(DetailedLine::name).toList());
    }

    @ParameterizedTest(name = "{0}: {1} units cost {2}")
    @CsvSource({"USD, 1, 0.01", "JPY, 3, 2", "BHD, 1, 0.001"})
    void roundsHalfSubunitsUp(String code, String quantity, String total) {
        String unit = switch (code) {
            case "USD" -> "0.005";
            case "JPY" -> "0.5";
            default -> "0.0005";
        };
        assertTotal(total, whole(CurrencyPrecision.of(code), new TieredPrice(TierMode.VOLUME, List.of(tier(null, null, unit)), null),
                quantity));
    }

    @Test
    void isNeverBilledProgressively() {
        for (SplitPosition position : List.of(SplitPosition.FIRST, SplitPosition.MIDDLE, SplitPosition.LAST)) {
            ValidationException refused = assertThrows(ValidationException.class, () -> Pricing.split(USD, PRICE,
                    RateCardDiscounts.NONE, position.firstInPeriod() ? d("0") : d("10"), d("5"), position));
            assertEquals("invoice_line_graduated_split_not_supported", refused.errors().get(0).code());
        }
    }
}

package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.BHD;
import static dev.tollgate.billing.domain.pricing.Pricing.JPY;
import static dev.tollgate.billing.domain.pricing.Pricing.USD;
import static dev.tollgate.billing.domain.pricing.Pricing.assertTotal;
import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static dev.tollgate.billing.domain.pricing.Pricing.describe;
import static dev.tollgate.billing.domain.pricing.Pricing.whole;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UnitPriceTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(USD, "0.10", "0", "0.00"),
                Arguments.of(USD, "0.10", "1", "0.10"),
                Arguments.of(USD, "0.10", "1500", "150.00"),
                Arguments.of(USD, "0.333", "2.5", "0.83"),          // 0.8325
                Arguments.of(USD, "0.005", "1", "0.01"),            // half a cent goes up
                Arguments.of(USD, "0.0049", "1", "0.00"),
                Arguments.of(USD, "0.0001", "100000000000000000000", "10000000000000000.00"),
                Arguments.of(JPY, "0.5", "3", "2"),                 // 1.5 yen
                Arguments.of(JPY, "0.5", "1", "1"),                 // 0.5 yen
                Arguments.of(JPY, "12", "0.04", "0"),               // 0.48 yen
                Arguments.of(BHD, "0.0005", "1", "0.001"),
                Arguments.of(BHD, "0.0015", "1", "0.002"),
                Arguments.of(BHD, "1.1111", "3", "3.333"));         // 3.3333
    }

    @ParameterizedTest(name = "{0}: {2} units at {1} cost {3}")
    @MethodSource("cases")
    void billsQuantityTimesAmountRoundedOnce(CurrencyPrecision currency, String amount, String quantity, String total) {
        PricedLine line = whole(currency, new UnitPrice(d(amount), null), quantity);
        assertTotal(total, line);
        assertEquals(line.totals().total(), line.totals().amount());
    }

    @Test
    void oneDetailedLineNamedUsageInPeriod() {
        PricedLine line = whole(USD, new UnitPrice(d("0.10"), null), "1500");
        assertEquals(List.of("unit-price-usage 1500x0.10=150.00"), describe(line));
        assertEquals("API calls: usage in period", line.children().get(0).name());
        assertEquals(PaymentTerm.IN_ARREARS, line.children().get(0).paymentTerm());
    }

    @Test
    void noUsageNoDetailedLine() {
        assertEquals(List.of(), whole(USD, new UnitPrice(d("0.10"), null), "0").children());
    }
}

package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.BHD;
import static dev.tollgate.billing.domain.pricing.Pricing.JPY;
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

class PackagePriceTest {
    /** OpenMeter's own examples (20 units a package at $10) and the bounds around them. */
    @ParameterizedTest(name = "{0} units cost {1}")
    @CsvSource({"0, 0.00", "0.0001, 10.00", "1, 10.00", "19.99, 10.00", "20, 10.00", "20.1, 20.00", "40, 20.00", "98, 50.00",
            "1000000000000000000, 500000000000000000.00"})
    void everyStartedPackageIsBilled(String quantity, String total) {
        assertTotal(total, whole(USD, new PackagePrice(d("10"), d("20"), null), quantity));
    }

    @ParameterizedTest(name = "{0}: {3} units in packages of {2} at {1} cost {4}")
    @CsvSource({"JPY, 0.5, 1, 3, 2", "USD, 0.005, 1, 1, 0.01", "BHD, 0.0005, 1, 3, 0.002", "USD, 2.5, 0.5, 1.2, 7.50"})
    void roundsThePackagesAmount(String code, String amount, String size, String quantity, String total) {
        assertTotal(total, whole(CurrencyPrecision.of(code), new PackagePrice(d(amount), d(size), null), quantity));
    }

    @Test
    void detailedLineCountsPackages() {
        assertEquals(List.of("usage 5x10=50.00"), describe(whole(USD, new PackagePrice(d("10"), d("20"), null), "98")));
        assertEquals(List.of(), whole(JPY, new PackagePrice(d("10"), d("20"), null), "0").children());
    }

    @Test
    void aPackageHoldsSomething() {
        ValidationException refused = assertThrows(ValidationException.class, () -> new PackagePrice(d("10"), d("0"), null));
        assertEquals("field_must_be_positive", refused.errors().get(0).code());
    }

    @Test
    void bhdKeepsThreeDecimals() {
        assertTotal("30.000", whole(BHD, new PackagePrice(d("10"), d("20"), null), "41"));
    }
}

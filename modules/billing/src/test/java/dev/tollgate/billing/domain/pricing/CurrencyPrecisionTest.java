package dev.tollgate.billing.domain.pricing;

import static dev.tollgate.billing.domain.pricing.Pricing.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CurrencyPrecisionTest {
    @ParameterizedTest(name = "{0} has {1} subunits")
    @CsvSource({"USD, 2", "EUR, 2", "JPY, 0", "KRW, 0", "BHD, 3", "KWD, 3", "CLF, 4"})
    void subunitsComeFromIso4217(String code, int subunits) {
        assertEquals(subunits, CurrencyPrecision.of(code).subunits());
    }

    /** Half a subunit rounds away from zero (OpenMeter's decimal rounding), never to even. */
    @ParameterizedTest(name = "{0} {1} rounds to {2}")
    @CsvSource({
            "JPY, 0.5, 1", "JPY, 1.5, 2", "JPY, 2.5, 3", "JPY, 2.4999, 2", "JPY, 0, 0",
            "USD, 0.005, 0.01", "USD, 0.015, 0.02", "USD, 0.025, 0.03", "USD, 0.00499, 0.00", "USD, 7, 7.00",
            "BHD, 0.0005, 0.001", "BHD, 0.0015, 0.002", "BHD, 0.00049, 0.000", "BHD, 1.2345, 1.235",
            "USD, 123456789012345678901234567890.125, 123456789012345678901234567890.13"})
    void roundsHalfSubunitsUpWithTheCurrencysScale(String code, String amount, String rounded) {
        assertEquals(d(rounded), CurrencyPrecision.of(code).round(d(amount)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC", "usd", "XXX", "XAU", ""})
    void refusesCodesWithoutKnownSubunits(String code) {
        ValidationException refused = assertThrows(ValidationException.class, () -> CurrencyPrecision.of(code));
        assertEquals("currency_invalid", refused.errors().get(0).code());
    }
}

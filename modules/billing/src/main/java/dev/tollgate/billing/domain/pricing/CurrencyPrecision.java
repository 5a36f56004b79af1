package dev.tollgate.billing.domain.pricing;

import dev.tollgate.platform.domain.FieldError;
import dev.tollgate.platform.domain.ValidationException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;

/**
 * A currency and the number of subunits its amounts are rounded to (USD 2, JPY 0, BHD 3). OpenMeter rounds with
 * "half away from zero"; for the non-negative amounts billing produces that is {@link RoundingMode#HALF_UP}.
 */
public record CurrencyPrecision(String code, int subunits) {
    /** Half a subunit goes up, as OpenMeter's decimal rounding does (away from zero). */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public CurrencyPrecision {
        if (code == null || !code.matches("^[A-Z]{3}$")) {
            throw invalid(code, "a currency is a three-letter upper-case code");
        }
        if (subunits < 0) {
            throw invalid(code, "a currency's subunits must not be negative");
        }
    }

    /**
     * The ISO-4217 currency with its standard subunits from the JDK. Codes the JDK does not know, and ISO's
     * pseudo-currencies without subunits (XAU, XXX), are refused: their rounding would be a guess.
     */
    public static CurrencyPrecision of(String code) {
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(code, "unknown ISO-4217 currency");
        }
        int digits = currency.getDefaultFractionDigits();
        if (digits < 0) {
            throw invalid(code, "the currency has no subunits to round amounts to");
        }
        return new CurrencyPrecision(currency.getCurrencyCode(), digits);
    }

    /** Rounds one amount component to this currency's subunits; the result always carries exactly that scale. */
    public BigDecimal round(BigDecimal amount) {
        return amount.setScale(subunits, ROUNDING);
    }

    /** Zero at this currency's scale, so sums and comparisons with {@code equals} stay exact. */
    public BigDecimal zero() {
        return BigDecimal.ZERO.setScale(subunits);
    }

    private static ValidationException invalid(String code, String message) {
        return new ValidationException("currency_invalid", List.of(new FieldError("currency", message + ": " + code, "currency_invalid")));
    }
}

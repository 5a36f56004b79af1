package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How much of its full service period a flat fee's line covers, for proration: a subscription that starts mid-cycle
 * pays {@code served / full} of the fee. Whether to prorate at all (the plan's pro-rating setting; no proration when
 * the subscription itself ends the period) is the line generator's decision: it passes {@link #WHOLE} when not.
 */
public record ServicePeriodShare(Duration served, Duration full) {
    public static final ServicePeriodShare WHOLE = new ServicePeriodShare(Duration.ofSeconds(1), Duration.ofSeconds(1));

    public ServicePeriodShare {
        if (served == null || full == null || served.isNegative() || full.isNegative() || full.isZero()) {
            throw PricingRules.refuse("invalid_value", "period", "a service period share needs a non-negative served and a positive full period");
        }
        if (served.compareTo(full) > 0) {
            throw PricingRules.refuse("invalid_value", "period", "the service period cannot be longer than its full period");
        }
    }

    boolean whole() {
        return served.equals(full);
    }

    /** {@code amount × served / full}, rounded once to the currency (the quotient is rounded exactly, not truncated first). */
    public BigDecimal prorate(BigDecimal amount, CurrencyPrecision currency) {
        if (whole()) {
            return currency.round(amount);
        }
        return amount.multiply(exact(served)).divide(exact(full), currency.subunits(), CurrencyPrecision.ROUNDING);
    }

    private static BigDecimal exact(Duration duration) {
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9));
    }
}

package dev.tollgate.entitlements.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An organization's cap on the usage-based charges of its tier subscription in one billing period (ADR 0041), with the
 * charges the billing engine last priced for that period.
 *
 * @param spendLimit      the cap in the plan's currency (PgBeam's dollars); null: none
 * @param overageEnabled  Centrali's setting: false refuses any usage beyond the plan's included allowance (a cap of 0)
 * @param charges         the usage-based charges of the period as last evaluated
 * @param alertedPercent  the highest warning threshold already announced in the period (0: none)
 */
public record SpendCap(BigDecimal spendLimit, boolean overageEnabled, Instant overageEnabledAt, BigDecimal charges, String currency,
                       Instant periodStart, Instant periodEnd, int alertedPercent, boolean reached) {
    /** The warning thresholds, in percent of the cap. */
    public static final List<Integer> THRESHOLDS = List.of(50, 80, 100);
    public static final SpendCap NONE = new SpendCap(null, true, null, BigDecimal.ZERO, null, null, null, 0, false);

    /** The cap in force: 0 without overage, else the spend limit (null: none). */
    public BigDecimal effectiveCap() {
        return overageEnabled ? spendLimit : BigDecimal.ZERO;
    }

    /**
     * Whether more usage must be refused: the charges reached the cap. A cap of 0 is reached by the first charge (usage
     * within the included allowance costs nothing and stays allowed).
     */
    public static boolean reached(BigDecimal cap, BigDecimal charges) {
        return cap != null && charges.signum() > 0 && charges.compareTo(cap) >= 0;
    }

    /** The highest threshold {@code charges} has crossed (0: none); only a positive cap has thresholds. */
    public static int crossedPercent(BigDecimal cap, BigDecimal charges) {
        int crossed = 0;
        if (cap == null || cap.signum() <= 0) {
            return 0;
        }
        for (int percent : THRESHOLDS) {
            if (charges.multiply(BigDecimal.valueOf(100)).compareTo(cap.multiply(BigDecimal.valueOf(percent))) >= 0) {
                crossed = percent;
            }
        }
        return crossed;
    }

    public SpendCap withLimit(BigDecimal newLimit) {
        return new SpendCap(newLimit, overageEnabled, overageEnabledAt, charges, currency, periodStart, periodEnd, alertedPercent,
                reached(overageEnabled ? newLimit : BigDecimal.ZERO, charges));
    }

    public SpendCap withOverage(boolean enabled, Instant now) {
        Instant since = enabled ? (overageEnabled && overageEnabledAt != null ? overageEnabledAt : now) : null;
        return new SpendCap(spendLimit, enabled, since, charges, currency, periodStart, periodEnd, alertedPercent,
                reached(enabled ? spendLimit : BigDecimal.ZERO, charges));
    }

    /** The charges of a period as priced now; a new period starts its warnings again. */
    public SpendCap withCharges(BigDecimal newCharges, String newCurrency, Instant start, Instant end) {
        boolean samePeriod = start != null && start.equals(periodStart);
        int alerted = samePeriod ? alertedPercent : 0;
        return new SpendCap(spendLimit, overageEnabled, overageEnabledAt, newCharges, newCurrency, start, end, alerted,
                reached(effectiveCap(), newCharges));
    }

    public SpendCap alerted(int percent) {
        return new SpendCap(spendLimit, overageEnabled, overageEnabledAt, charges, currency, periodStart, periodEnd, percent, reached);
    }
}

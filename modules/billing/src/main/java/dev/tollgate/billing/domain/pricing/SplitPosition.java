package dev.tollgate.billing.domain.pricing;

/**
 * Where a line sits among the progressive lines that split one service period (digest 003b §3.8). A line that was
 * never split is both the first and the last. In-advance flat fees and a graduated first tier's flat amount are billed
 * on the first line; in-arrears flat fees and the minimum spend top-up on the last.
 */
public record SplitPosition(boolean firstInPeriod, boolean lastInPeriod) {
    public static final SplitPosition WHOLE_PERIOD = new SplitPosition(true, true);
    public static final SplitPosition FIRST = new SplitPosition(true, false);
    public static final SplitPosition MIDDLE = new SplitPosition(false, false);
    public static final SplitPosition LAST = new SplitPosition(false, true);

    public boolean wholePeriod() {
        return firstInPeriod && lastInPeriod;
    }
}

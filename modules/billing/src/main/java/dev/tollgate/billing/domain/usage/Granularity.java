package dev.tollgate.billing.domain.usage;

/** How a usage history is cut: UTC days, ISO weeks (from Monday) or calendar months. */
public enum Granularity {
    DAY, WEEK, MONTH
}

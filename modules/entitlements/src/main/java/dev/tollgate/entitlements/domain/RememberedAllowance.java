package dev.tollgate.entitlements.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A feature allowance as read at one instant, and how long a check may answer it from memory: until
 * {@code validUntil}, and from {@code reloadFrom} (half that time) it should be read again while it is still answered
 * (both in epoch milliseconds, the resolution checks read the clock at).
 * Usage metered from other sources (the proxy, event ingestion) changes it without this node hearing of it: at most
 * {@link #METERED_FRESHNESS}; anything else changes on another node: at most {@link #CONFIGURED_FRESHNESS}. Never past
 * the end of its usage period or its entitlement, nor past an entitlement's start.
 */
public record RememberedAllowance(FeatureAllowance allowance, long reloadFrom, long validUntil) {
    public static final Duration METERED_FRESHNESS = Duration.ofSeconds(1);
    public static final Duration CONFIGURED_FRESHNESS = Duration.ofSeconds(30);

    /** What {@code e} allows, read at {@code now}; {@code periodEnd} is the end of its usage period (null without one). */
    public static RememberedAllowance of(FeatureAllowance allowance, Entitlement e, Instant periodEnd, Instant now) {
        Instant until = now.plus(e.type() == EntitlementType.METERED ? METERED_FRESHNESS : CONFIGURED_FRESHNESS);
        if (e.activeTo() != null && e.activeTo().isAfter(now) && e.activeTo().isBefore(until)) {
            until = e.activeTo();
        }
        if (e.activeFrom().isAfter(now) && e.activeFrom().isBefore(until)) {
            until = e.activeFrom();
        }
        if (periodEnd != null && periodEnd.isAfter(now) && periodEnd.isBefore(until)) {
            until = periodEnd;
        }
        return new RememberedAllowance(allowance, now.plus(Duration.between(now, until).dividedBy(2)).toEpochMilli(), until.toEpochMilli());
    }

    /**
     * Answered as read at {@code now} and not remembered: a feature without an entitlement (so that checks of unknown
     * names cannot fill the memory), or a limit whose use other modules count (max_projects, included_seats), which
     * changes without an event.
     */
    public static RememberedAllowance once(FeatureAllowance allowance, Instant now) {
        return new RememberedAllowance(allowance, now.toEpochMilli(), now.toEpochMilli());
    }

    /** Whether it may still be answered at {@code nowMillis}. */
    public boolean validAt(long nowMillis) {
        return nowMillis < validUntil;
    }

    /** Whether it should be read again at {@code nowMillis} (it may still be answered meanwhile, while {@link #validAt}). */
    public boolean dueAt(long nowMillis) {
        return nowMillis >= reloadFrom;
    }
}

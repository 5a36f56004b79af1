package dev.tollgate.proxy.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One organization's tier limits as the data plane holds them in memory, with its count of queries this UTC day.
 * Checked on the event loops for every query, so it never touches the database: limits arrive through
 * {@link #update}, the count starts from metering's figure when loaded and then grows here. Queries other nodes
 * admit are not seen until the next load (per-node counting, ADR 0013).
 */
public final class OrganizationQuota {
    /**
     * The limits in force: 0 means unlimited. {@code spendRefusal}: why queries are refused while the organization's
     * spend cap is reached (ADR 0041), null while it may spend. {@code maxQueryShapes}: how many query shapes a project's
     * insights track (ADR 0057).
     */
    public record Limits(String tier, long queriesPerDay, int queriesPerSecond, int burst, int maxConnections, String spendRefusal,
                         int maxQueryShapes) {
        public Limits(String tier, long queriesPerDay, int queriesPerSecond, int burst, int maxConnections) {
            this(tier, queriesPerDay, queriesPerSecond, burst, maxConnections, null, 0);
        }
    }

    private volatile Limits limits;
    private final AtomicLong usedToday = new AtomicLong();
    /** The UTC day counted, as days since 1970-01-01: plain arithmetic per query, no date objects. */
    private volatile long day;

    public OrganizationQuota(Limits limits, long usedSoFarToday, Instant now) {
        this.limits = limits;
        this.usedToday.set(usedSoFarToday);
        this.day = utcDay(now);
    }

    private static long utcDay(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), 86_400L);
    }

    public Limits limits() {
        return limits;
    }

    public void update(Limits newLimits) {
        this.limits = newLimits;
    }

    public long usedToday() {
        return usedToday.get();
    }

    /**
     * Takes in metering's count for today (every node's queries, each reported within seconds): the count becomes the
     * larger of the two, so queries admitted elsewhere are seen and none is counted twice.
     */
    public void observeMetered(long meteredToday, Instant now) {
        if (utcDay(now) == day) {
            usedToday.accumulateAndGet(meteredToday, Math::max);
        }
    }

    /**
     * Counts one query against today's allowance, or refuses it once the allowance is used up or the spend cap is
     * reached. A new UTC day starts
     * the count again. Never overshoots: the check and the count are one atomic step.
     */
    public Refusal takeQuery(Instant now) {
        String spendRefusal = limits.spendRefusal();
        if (spendRefusal != null) {
            return new Refusal("53400", spendRefusal); // a query refused is not counted against the day
        }
        long today = utcDay(now);
        if (today > day) {
            synchronized (this) {
                if (today > day) { // only forward: a thread still holding yesterday's instant must not reset today
                    usedToday.set(0);
                    day = today;
                }
            }
        }
        long allowance = limits.queriesPerDay();
        if (allowance <= 0) {
            usedToday.incrementAndGet();
            return null;
        }
        long used = usedToday.getAndUpdate(n -> n < allowance ? n + 1 : n);
        if (used < allowance) {
            return null;
        }
        Instant resets = LocalDate.ofEpochDay(today + 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Refusal("53400", "daily query limit reached: the " + limits.tier() + " plan allows " + allowance
                + " queries per day; the limit resets at " + resets);
    }

    /** Why a query was not run: a PostgreSQL SQLSTATE and a message naming the limit and when it frees up. */
    public record Refusal(String sqlState, String message) {
    }
}

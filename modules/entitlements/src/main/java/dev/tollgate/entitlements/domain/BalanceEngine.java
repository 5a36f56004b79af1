package dev.tollgate.entitlements.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The balance of a metered entitlement, computed from its grants, its resets and metered usage (OpenMeter's burn-down,
 * digest 003a §4.2). Time is cut into phases at every grant start, end and recurrence and at every reset; each phase's
 * usage, plus any overage still owed, burns the active grants in {@link Grant#BURN_DOWN_ORDER}. At a reset each
 * active grant keeps {@code min(maxRollover, max(minRollover, balance))} and the overage is forgiven or carried.
 * Pure: usage comes from a {@link UsageSource}, so the same inputs always give the same balance.
 */
public final class BalanceEngine {
    /** The feature's usage over [from, to). */
    public interface UsageSource {
        BigDecimal between(Instant from, Instant to);
    }

    /** One phase: its usage, the overage left at its end, and each grant's balance and burn. */
    public record Phase(Instant from, Instant to, BigDecimal usage, BigDecimal overage, Map<UUID, BigDecimal> balancesAtStart,
                        Map<UUID, BigDecimal> balancesAtEnd, Map<UUID, BigDecimal> grantUsages, boolean split) {
        public BigDecimal balanceAtStart() {
            return balancesAtStart.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        public BigDecimal balanceAtEnd() {
            return balancesAtEnd.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** The value at the end of the run, and the phases that led to it (from the last reset the run started at). */
    public record Result(BigDecimal balance, BigDecimal usage, BigDecimal overage, BigDecimal totalAvailableGrantAmount, List<Phase> phases) {
    }

    private final Entitlement entitlement;
    private final List<Grant> grants;
    private final Timeline timeline;
    private final UsageSource source;
    /** LATEST meters: OpenMeter treats grant amounts as limits, refilled at every phase, not as budgets. */
    private final boolean limits;
    private final Map<UUID, BigDecimal> balance = new HashMap<>();
    private final Map<UUID, BigDecimal> burnt = new HashMap<>();
    private BigDecimal overage = BigDecimal.ZERO;
    private BigDecimal usage = BigDecimal.ZERO;
    private final List<Phase> phases = new ArrayList<>();
    private Instant independentFrom;

    public BalanceEngine(Entitlement entitlement, List<Grant> grants, Timeline timeline, UsageSource source, boolean latestAggregation) {
        this.entitlement = entitlement;
        this.grants = grants.stream().sorted(Grant.BURN_DOWN_ORDER).toList();
        this.timeline = timeline;
        this.source = source;
        this.limits = latestAggregation;
    }

    /** The value at {@code t}. */
    public Result valueAt(Instant t) {
        return run(t, t, Set.of());
    }

    /**
     * The value at {@code t} with the phases since {@code from} (or a little earlier: the last reset before it where
     * balances start afresh), cut also at {@code observe}: what history needs to read balances at window starts.
     */
    public Result history(Instant from, Instant t, Set<Instant> observe) {
        return run(t, from, observe);
    }

    private Result run(Instant t, Instant startNoLaterThan, Set<Instant> observe) {
        Instant start = independentStart(startNoLaterThan);
        for (Grant g : grants) {
            boolean fixedAtReset = start.equals(independentFrom);
            balance.put(g.id(), g.activeAt(start) ? (fixedAtReset ? g.minRollover() : g.amount()) : BigDecimal.ZERO);
        }
        Instant cursor = start;
        for (Instant reset : timeline.resetsIn(start, t)) {
            runBetween(cursor, reset, observe);
            reset(reset);
            cursor = reset;
        }
        if (cursor.isBefore(t)) {
            runBetween(cursor, t, observe);
        }
        startPhase(t); // grants starting or recurring exactly at t count, and pay any overage owed at once
        burn(BigDecimal.ZERO, new HashMap<>());
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal available = BigDecimal.ZERO;
        for (Grant g : grants) {
            if (g.activeAt(t)) {
                total = total.add(balance.get(g.id()));
                available = available.add(g.amount());
            } else {
                available = available.add(burnt.getOrDefault(g.id(), BigDecimal.ZERO));
            }
        }
        return new Result(total, usage, overage, available, List.copyOf(phases));
    }


    /**
     * The latest reset at or before {@code t} after which the balances do not depend on anything earlier: the overage
     * is forgiven there and every grant then active rolls over to a fixed amount (min = max, as issue-after-reset
     * grants do) or starts or recurs right then. Computing from there instead of from measureUsageFrom gives the same
     * balance with a few meter queries instead of one per period since the entitlement began.
     */
    private Instant independentStart(Instant t) {
        List<Instant> resets = timeline.resetsIn(timeline.measureUsageFrom(), t);
        for (int i = resets.size() - 1; i >= 0; i--) {
            Instant r = resets.get(i);
            if (preserveOverageAt(r)) {
                continue;
            }
            boolean fixed = true;
            for (Grant g : grants) {
                boolean restarts = g.effectiveAt().equals(r) || g.recursAt(r);
                if (g.activeAt(r) && !restarts && g.minRollover().compareTo(g.maxRollover()) != 0) {
                    fixed = false;
                    break;
                }
            }
            if (fixed) {
                independentFrom = r;
                return r;
            }
        }
        return timeline.measureUsageFrom();
    }

    private boolean preserveOverageAt(Instant r) {
        return timeline.manualResetAt(r).map(ResetRecord::preserveOverage).filter(p -> p != null)
                .orElse(entitlement.preserveOverageAtReset());
    }

    private void runBetween(Instant from, Instant to, Set<Instant> observe) {
        TreeSet<Instant> cuts = new TreeSet<>();
        for (Grant g : grants) {
            addInside(cuts, g.effectiveAt(), from, to);
            addInside(cuts, g.endsAt(), from, to);
            for (Instant r = g.nextRecurrence(from); r != null && r.isBefore(to); r = g.nextRecurrence(r)) {
                addInside(cuts, r, from, to);
            }
        }
        Set<Instant> grantCuts = Set.copyOf(cuts);
        for (Instant o : observe) {
            addInside(cuts, o, from, to);
        }
        cuts.add(to);
        Instant pf = from;
        for (Instant pt : cuts) {
            startPhase(pf);
            Map<UUID, BigDecimal> atStart = new LinkedHashMap<>(balance);
            BigDecimal phaseUsage = source.between(pf, pt);
            Map<UUID, BigDecimal> used = new LinkedHashMap<>();
            burn(phaseUsage, used);
            usage = usage.add(phaseUsage);
            boolean split = !pt.equals(to) && !grantCuts.contains(pt);
            phases.add(new Phase(pf, pt, phaseUsage, overage, atStart, new LinkedHashMap<>(balance), used, split));
            pf = pt;
        }
    }

    private static void addInside(TreeSet<Instant> cuts, Instant t, Instant from, Instant to) {
        if (t != null && t.isAfter(from) && t.isBefore(to)) {
            cuts.add(t);
        }
    }

    /** At a phase start: grants that ended hold nothing; grants that start or recur now hold their amount. */
    private void startPhase(Instant pf) {
        for (Grant g : grants) {
            if (!g.activeAt(pf)) {
                if (balance.get(g.id()).signum() != 0) {
                    balance.put(g.id(), BigDecimal.ZERO);
                }
            } else if (g.effectiveAt().equals(pf) || g.recursAt(pf) || limits) {
                balance.put(g.id(), g.amount());
            }
        }
    }

    /** Burns {@code amount} plus the overage owed from the active grants in burn-down order; the rest is overage. */
    private void burn(BigDecimal amount, Map<UUID, BigDecimal> used) {
        BigDecimal remaining = amount.add(overage);
        for (Grant g : grants) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal left = balance.get(g.id());
            if (left.signum() <= 0) {
                continue;
            }
            BigDecimal take = left.min(remaining);
            balance.put(g.id(), left.subtract(take));
            burnt.merge(g.id(), take, BigDecimal::add);
            used.merge(g.id(), take, BigDecimal::add);
            remaining = remaining.subtract(take);
        }
        overage = remaining;
    }

    private void reset(Instant at) {
        for (Grant g : grants) {
            if (g.activeAt(at)) {
                BigDecimal before = balance.get(g.id());
                balance.put(g.id(), g.maxRollover().min(g.minRollover().max(before)));
            }
        }
        BigDecimal carried = preserveOverageAt(at) ? overage : BigDecimal.ZERO;
        overage = BigDecimal.ZERO;
        burnt.clear();
        usage = BigDecimal.ZERO;
        burn(carried, new HashMap<>());
    }
}

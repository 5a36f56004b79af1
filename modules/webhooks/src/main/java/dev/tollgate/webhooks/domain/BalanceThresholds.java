package dev.tollgate.webhooks.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which of a balance-threshold rule's thresholds an entitlement's value has crossed, as OpenMeter evaluates them: with
 * balance B, usage U and overage O in the current usage period, {@code usage_value} is crossed when U exceeds it,
 * {@code usage_percentage} when U exceeds that share of everything granted (B + U − O; not judged while nothing is
 * granted and nothing is over), {@code balance_value} when B falls below it (or to zero for a threshold of zero; not
 * judged while B, U and O are all zero). Usage thresholds and the balance threshold are two kinds; of each kind only
 * the highest crossed counts (for balances the lowest value), so a receiver hears each escalation once.
 */
public final class BalanceThresholds {
    /** The two kinds a rule's thresholds fall into; each fires on its own. */
    public enum Kind {
        USAGE, BALANCE
    }

    /** A crossed threshold of a kind. */
    public record Crossed(Kind kind, NotificationRule.Threshold threshold) {
    }

    private BalanceThresholds() {
    }

    /** The highest crossed threshold of each kind (at most two); none when the entitlement has no balance. */
    public static List<Crossed> crossed(List<NotificationRule.Threshold> thresholds, BigDecimal balance, BigDecimal usage, BigDecimal overage) {
        List<Crossed> crossed = new ArrayList<>();
        if (balance == null || usage == null) {
            return crossed;
        }
        BigDecimal over = overage == null ? BigDecimal.ZERO : overage;
        highestUsage(thresholds, balance, usage, over).ifPresent(t -> crossed.add(new Crossed(Kind.USAGE, t)));
        lowestBalance(thresholds, balance, usage, over).ifPresent(t -> crossed.add(new Crossed(Kind.BALANCE, t)));
        return crossed;
    }

    private static Optional<NotificationRule.Threshold> highestUsage(List<NotificationRule.Threshold> thresholds, BigDecimal balance,
                                                                     BigDecimal usage, BigDecimal overage) {
        NotificationRule.Threshold best = null;
        BigDecimal bestAt = null;
        for (NotificationRule.Threshold t : thresholds) {
            BigDecimal at = switch (t.type()) {
                case "usage_value" -> BigDecimal.valueOf(t.value());
                case "usage_percentage" -> zero(balance) && zero(overage) ? null
                        : balance.add(usage).subtract(overage).multiply(BigDecimal.valueOf(t.value())).divide(BigDecimal.valueOf(100),
                        MathContext.DECIMAL64);
                default -> null;
            };
            if (at != null && at.compareTo(usage) < 0 && (bestAt == null || at.compareTo(bestAt) > 0)) {
                best = t;
                bestAt = at;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<NotificationRule.Threshold> lowestBalance(List<NotificationRule.Threshold> thresholds, BigDecimal balance,
                                                                      BigDecimal usage, BigDecimal overage) {
        if (zero(balance) && zero(usage) && zero(overage)) {
            return Optional.empty();
        }
        NotificationRule.Threshold best = null;
        for (NotificationRule.Threshold t : thresholds) {
            if (!t.type().equals("balance_value")) {
                continue;
            }
            BigDecimal value = BigDecimal.valueOf(t.value());
            boolean active = value.signum() == 0 ? balance.signum() <= 0 : value.compareTo(balance) > 0;
            if (active && (best == null || t.value() < best.value())) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean zero(BigDecimal v) {
        return v.signum() == 0;
    }
}

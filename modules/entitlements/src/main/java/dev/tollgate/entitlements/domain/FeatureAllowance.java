package dev.tollgate.entitlements.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.function.Function;

/**
 * A feature's entitlement as php-tenant's checks and summaries state it: a whole-number limit (null when unlimited),
 * the usage counted against it, and what remains.
 * <ul>
 *   <li>boolean: unlimited while in force;</li>
 *   <li>static: the config's numeric {@code value} is the limit (0, or no number, means unlimited, as in Tollgate's
 *       tiers); what is used of it is counted elsewhere, if at all ({@link #withUsed});</li>
 *   <li>metered: the limit is what the period's grants provide (usage less overage, plus the balance left); a soft
 *       limit with no grants at all is unlimited, any other soft limit allows use past the limit.</li>
 * </ul>
 */
public record FeatureAllowance(boolean inForce, Long limit, long used, boolean softLimit) {
    /** A feature the customer has no entitlement for, or one not in force. */
    public static final FeatureAllowance NONE = new FeatureAllowance(false, 0L, 0, false);

    /** From an entitlement's value; {@code parseConfig} reads a static config (a JSON object) into a map. */
    public static FeatureAllowance of(Entitlement e, EntitlementValue v, Function<String, Map<String, Object>> parseConfig) {
        if (!v.hasAccess() && e.type() != EntitlementType.METERED) {
            return NONE;
        }
        return switch (e.type()) {
            case BOOLEAN -> new FeatureAllowance(true, null, 0, false);
            case STATIC -> {
                Object value = v.config() == null ? null : parseConfig.apply(v.config()).get("value");
                long limit = value instanceof Number n ? n.longValue() : 0;
                yield new FeatureAllowance(true, limit > 0 ? limit : null, 0, false);
            }
            case METERED -> metered(e, v);
        };
    }

    private static FeatureAllowance metered(Entitlement e, EntitlementValue v) {
        if (v.usage() == null) {
            return NONE; // not in force: the value of an inactive entitlement carries no usage
        }
        BigDecimal granted = v.usage().subtract(v.overage()).add(v.balance());
        long used = v.usage().setScale(0, RoundingMode.CEILING).longValueExact();
        boolean unlimited = e.isSoftLimit() && granted.signum() == 0;
        return new FeatureAllowance(true, unlimited ? null : granted.setScale(0, RoundingMode.FLOOR).longValueExact(), used, e.isSoftLimit());
    }

    /** The same allowance with {@code count} used (a static limit whose use is counted elsewhere). */
    public FeatureAllowance withUsed(long count) {
        return new FeatureAllowance(inForce, limit, count, softLimit);
    }

    public boolean unlimited() {
        return inForce && limit == null;
    }

    /** Null when unlimited; never negative. */
    public Long remaining() {
        return limit == null ? null : Math.max(0, limit - used);
    }

    /** Whether {@code quantity} more units may be used now. */
    public boolean allows(long quantity) {
        return inForce && (limit == null || softLimit || quantity <= limit - used); // no overflow for any quantity
    }

    /** Usage as a share of the limit, 0–100 with two decimals; 0 when unlimited. */
    public double percentage() {
        if (limit == null || limit == 0) {
            return inForce && limit != null && used > 0 ? 100.0 : 0.0;
        }
        double share = Math.min(100.0, used * 100.0 / limit);
        return Math.round(share * 100.0) / 100.0;
    }
}

package dev.tollgate.entitlements.domain;

import java.math.BigDecimal;

/**
 * What a customer may do with a feature at a moment: access, and for metered entitlements the balance, the usage in
 * the current period, the overage and the grants available; for static ones the configuration.
 */
public record EntitlementValue(boolean hasAccess, BigDecimal balance, BigDecimal usage, BigDecimal overage,
                               BigDecimal totalAvailableGrantAmount, String config) {
    public static final EntitlementValue NO_ACCESS = new EntitlementValue(false, null, null, null, null, null);

    public static EntitlementValue of(Entitlement e, BalanceEngine.Result result) {
        return new EntitlementValue(e.isSoftLimit() || result.balance().signum() > 0, result.balance(), result.usage(), result.overage(),
                result.totalAvailableGrantAmount(), null);
    }
}

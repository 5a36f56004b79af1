package dev.tollgate.entitlements.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Organizations' caps on the usage-based charges of their tier subscription (ADR 0041): set through PgBeam's spend
 * limit or Centrali's overage settings, fed by the billing engine's pricing of the period's usage, consulted by the
 * proxy as a limit flag. A change of whether the cap is reached publishes
 * {@link dev.tollgate.entitlements.api.events.LimitsChanged}; a warning threshold crossed publishes
 * {@link dev.tollgate.entitlements.api.events.SpendThresholdReached}.
 */
public interface SpendCapsApi {
    /**
     * @param spendLimit      in the plan's currency; null: none
     * @param overageEnabled  false: nothing beyond the plan's included allowance (a cap of 0)
     * @param charges         the period's usage-based charges as last priced (0 before any pricing)
     * @param periodEnd       the end of the billing period those charges belong to (null before any pricing)
     */
    record SpendCapState(BigDecimal spendLimit, boolean overageEnabled, Instant overageEnabledAt, BigDecimal charges, String currency,
                         Instant periodEnd, boolean reached) {
    }

    /** The organization's cap (its {@code org_...} id); no limit and overage on when none was ever set. */
    SpendCapState spendCapOf(String organizationPublicId);

    /** Sets or (null) removes the spend limit; decided again at once on the last priced charges. */
    SpendCapState setSpendLimit(String organizationPublicId, BigDecimal spendLimit);

    /** Centrali's overage settings: whether usage beyond the allowance is billed, and up to which cap (null: none). */
    SpendCapState setOverage(String organizationPublicId, boolean overageEnabled, BigDecimal spendLimit);

    /** The organizations whose charges must be priced: a cap in force, or one still reached. */
    List<String> cappedOrganizations();

    /** The billing engine's pricing of the current period's usage-based charges. */
    void recordCharges(String organizationPublicId, BigDecimal charges, String currency, Instant periodStart, Instant periodEnd);

    /** Why the organization's usage is refused (its cap is reached), or null while it may spend. */
    String spendRefusal(String organizationPublicId);
}

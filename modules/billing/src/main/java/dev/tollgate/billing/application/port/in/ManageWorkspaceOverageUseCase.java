package dev.tollgate.billing.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Centrali's overage settings of a workspace (ADR 0041): the organization's spend cap seen in cents, whether usage beyond
 * the plan's allowance is billed at all, and the tier plan's usage prices.
 */
public interface ManageWorkspaceOverageUseCase {
    /**
     * @param spendingCapCents the cap in cents (null: none)
     * @param rates            Centrali's rate names to a price per unit in the plan's currency; null when the plan prices no usage
     */
    record Overage(boolean enabled, Long spendingCapCents, Instant enabledAt, boolean hasDefaultPaymentMethod, Map<String, BigDecimal> rates) {
    }

    /** Any member (READ_ORGANIZATION). */
    Overage get(Caller caller, String workspaceSlug);

    /**
     * Billing admins (MANAGE_BILLING). {@code capGiven} false keeps the cap; turning overage on needs a default payment
     * method.
     */
    Overage update(Caller caller, String workspaceSlug, boolean enabled, boolean capGiven, Long spendingCapCents);
}

package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * The free units a usage discount took off this line ({@code quantity}) and those it had already taken off earlier
 * progressive lines of the period ({@code preLinePeriodQuantity}).
 */
public record AppliedUsageDiscount(BigDecimal quantity, BigDecimal preLinePeriodQuantity, String correlationId,
                                   String childUniqueReferenceId) {
}

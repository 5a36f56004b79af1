package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/**
 * Money taken off one detailed line. {@code childUniqueReferenceId} lets a recalculation find the discount it replaces
 * (digest 003b §3.13); {@code correlationId} is the rate card discount's, when it has one.
 */
public record AmountDiscount(DiscountReason reason, BigDecimal amount, String description, String childUniqueReferenceId,
                             String correlationId) {
}

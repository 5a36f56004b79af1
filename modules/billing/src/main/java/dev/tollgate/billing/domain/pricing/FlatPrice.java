package dev.tollgate.billing.domain.pricing;

import java.math.BigDecimal;

/** A fixed amount per period, billed once at its start or end; prorated when the service period is short. */
public record FlatPrice(BigDecimal amount, PaymentTerm paymentTerm) implements Price {
    public FlatPrice {
        PricingRules.notNegative(amount, "amount");
        paymentTerm = paymentTerm == null ? PaymentTerm.IN_ADVANCE : paymentTerm;
    }

    @Override
    public SpendCommitments commitments() {
        return SpendCommitments.NONE;
    }
}

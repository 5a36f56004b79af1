package dev.tollgate.billing.domain.pricing;

/** When a flat price is billed within its period: at the start ({@code in_advance}, OpenMeter's default) or the end. */
public enum PaymentTerm {
    IN_ADVANCE, IN_ARREARS
}

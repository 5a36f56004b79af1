/**
 * The price kernel: pure arithmetic that turns one line period's price, quantities, discounts and spend commitments into
 * exact amounts and the detailed child lines an invoice shows (digest 003b §3.5, §3.6, §3.8, §3.13, §4.2; ADR 0030).
 *
 * <p>Everything is {@link java.math.BigDecimal}; every amount is rounded to the currency's subunits
 * ({@link dev.tollgate.billing.domain.pricing.CurrencyPrecision}) once per component, before anything is summed.
 * The entry point is {@link dev.tollgate.billing.domain.pricing.PriceKernel#price}.
 */
package dev.tollgate.billing.domain.pricing;

package dev.tollgate.billing.domain.pricing;

/**
 * A rate card's price in the shapes OpenMeter's catalog offers (digest 003b §2.1): the kernel's own copy, so billing
 * computes with typed values while the catalog keeps its checked documents. A later step maps one onto the other.
 */
public sealed interface Price permits FlatPrice, UnitPrice, TieredPrice, PackagePrice, DynamicPrice {
    /** Minimum and maximum spend; a flat price has none (OpenMeter offers commitments on usage prices only). */
    SpendCommitments commitments();
}

package dev.tollgate.entitlements.application.port.out;

/** How the operator configured the marketplace listings (ADR 0044). */
public interface MarketplaceSettings {
    /** The product slug of Tollgate's Vercel integration ({@code tollgate.marketplace.vercel.product}). */
    String vercelProduct();
}

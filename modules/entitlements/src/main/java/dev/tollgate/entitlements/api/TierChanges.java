package dev.tollgate.entitlements.api;

/**
 * Moves an organization to another Tollgate tier. Entitlements provides a direct implementation (the tier's
 * entitlements replaced at once); billing replaces it with one that changes the organization's subscription to the
 * tier plan, whose entitlements then carry the limits (ADR 0034). Declared here so the tier operations, which live in
 * entitlements, need not depend on billing. Who collects the organization's payments travels the same way
 * ({@link #collectThrough}, ADR 0046).
 */
public interface TierChanges {
    /**
     * Puts the organization on {@code tierKey}, with {@code customLimits} in place of the tier's figures when not null
     * (enterprise). {@code atPeriodEnd}: a downgrade the customer chose waits for the end of the paid period; otherwise
     * (an upgrade, or a subscription that lost its standing) it applies now.
     */
    void move(String organizationPublicId, String tierKey, EntitlementsApi.CustomLimits customLimits, boolean atPeriodEnd);

    /**
     * Who collects the organization's payments from its next invoice on, as PgBeam's {@code billing_provider} says it:
     * {@code stripe}, or null when none is recorded (a self-serve sign-up), is Tollgate through the platform's Stripe
     * account; {@code vercel}, {@code aws} and {@code manual} are someone else (the vendor, the operator by hand), so
     * Tollgate must not collect the tier's invoices too (ADR 0046). Called in the transaction that records the provider,
     * before the tier moves; asking for what is in place changes nothing.
     */
    void collectThrough(String organizationPublicId, String billingProvider);
}

package dev.tollgate.entitlements.api;

/**
 * Moves an organization to another Tollgate tier. Entitlements provides a direct implementation (the tier's
 * entitlements replaced at once); billing replaces it with one that changes the organization's subscription to the
 * tier plan, whose entitlements then carry the limits (ADR 0034). Declared here so the tier operations, which live in
 * entitlements, need not depend on billing.
 */
public interface TierChanges {
    /**
     * Puts the organization on {@code tierKey}, with {@code customLimits} in place of the tier's figures when not null
     * (enterprise). {@code atPeriodEnd}: a downgrade the customer chose waits for the end of the paid period; otherwise
     * (an upgrade, or a subscription that lost its standing) it applies now.
     */
    void move(String organizationPublicId, String tierKey, EntitlementsApi.CustomLimits customLimits, boolean atPeriodEnd);
}

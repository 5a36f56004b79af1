package dev.tollgate.billing.application.port.in;

/**
 * Prices the current billing period's usage-based charges of organizations with a spend cap and reports them to
 * entitlements, which decides whether the cap is reached (ADR 0041). Runs off the proxy's path, on a schedule.
 */
public interface EvaluateSpendCapsUseCase {
    /** Every capped organization; one that fails is logged and skipped. Returns how many were evaluated. */
    int evaluateAll();

    /** One organization (its {@code org_...} id). */
    void evaluate(String organizationPublicId);
}

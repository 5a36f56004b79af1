package dev.tollgate.billing.api;

import java.util.UUID;

/** What the deployable may ask of billing for a new workspace. */
public interface BillingNamespacesApi {
    /**
     * Gives the organization's own namespace what billing needs before its first customer: a sandbox app and a default
     * billing profile (ADR 0031). Idempotent.
     */
    void setUp(UUID namespace);
}

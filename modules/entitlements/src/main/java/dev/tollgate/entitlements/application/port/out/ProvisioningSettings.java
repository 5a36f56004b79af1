package dev.tollgate.entitlements.application.port.out;

import java.util.Set;

/** How the deployment configures provisioning. */
public interface ProvisioningSettings {
    /** The organizations ({@code org_...} ids or slugs) whose API keys may provision packages: the billing partners. */
    Set<String> partners();

    /** The tier every new organization starts on, and a workspace returns to when its package is cancelled. */
    String initialTier();
}

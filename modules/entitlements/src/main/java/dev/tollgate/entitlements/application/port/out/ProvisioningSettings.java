package dev.tollgate.entitlements.application.port.out;

import java.util.Set;
import java.util.UUID;

/** How the deployment configures provisioning. */
public interface ProvisioningSettings {
    /**
     * The organizations whose API keys may provision packages: the billing partners. Named by id only, never by slug:
     * a slug can be renamed and taken by someone else.
     */
    Set<UUID> partners();

    /** The tier every new organization starts on, and a workspace returns to when its package is cancelled. */
    String initialTier();
}

package dev.tollgate.tenancy.api.spi;

import java.util.List;
import java.util.UUID;

/**
 * What a new workspace is set up with in the other modules, service by service (Centrali's provision-status). The
 * deployable names the services and runs each over the module that owns it; tenancy records their state, runs them in
 * order after the workspace is created and retries a failed one on request.
 */
public interface WorkspaceProvisioning {
    /** The services, in the order they are provisioned. */
    List<String> services();

    /**
     * Sets {@code service} up for the organization. Idempotent (a retry or a second node may run it again); throws when
     * it cannot, with a message for the workspace's people.
     */
    void provision(String service, UUID organizationId, String organizationPublicId);
}

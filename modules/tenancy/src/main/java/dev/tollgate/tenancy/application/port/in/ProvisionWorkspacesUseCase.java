package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.ProvisioningStep;
import java.util.List;
import java.util.UUID;

/** Setting new workspaces up in every module, in order, resumably; Centrali's provision-status and its retry. */
public interface ProvisionWorkspacesUseCase {
    /** Records the steps of a new workspace (pending); the worker runs them. */
    void schedule(UUID organizationId);

    /** Runs the due steps of up to {@code limit} workspaces; returns how many steps it ran. */
    int runDue(int limit);

    Status status(Caller caller, String slug);

    /**
     * Retries {@code service} (null: every failed service) of the workspace now, and the services after it; 400 when it
     * names no service of the workspace or one that has not failed.
     */
    Status retry(Caller caller, String slug, String service);

    record Status(String workspaceSlug, ProvisioningStep.Status overall, List<ProvisioningStep> steps, java.time.Instant updatedAt) {
    }
}

package dev.tollgate.tenancy.application.port.in;

/** Removes, for good, workspaces whose deletion grace period has ended. Safe to run on every node at once. */
public interface PurgeDeletedWorkspacesUseCase {
    int purgeExpired();
}

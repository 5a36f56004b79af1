package dev.tollgate.tenancy.adapters.in.schedule;

import dev.tollgate.tenancy.application.port.in.ProvisionWorkspacesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Runs new workspaces' provisioning steps; state lives in the database, so a restart resumes where it stopped. */
@Singleton
@Requires(property = "tollgate.jobs.enabled", notEquals = "false")
final class ProvisioningWorkerJob {
    private static final int WORKSPACES_PER_ROUND = 20;
    private final ProvisionWorkspacesUseCase provisioning;

    ProvisioningWorkerJob(ProvisionWorkspacesUseCase provisioning) {
        this.provisioning = provisioning;
    }

    @Scheduled(initialDelay = "1s", fixedDelay = "${tollgate.jobs.provisioning-interval:2s}")
    void run() {
        provisioning.runDue(WORKSPACES_PER_ROUND);
    }
}

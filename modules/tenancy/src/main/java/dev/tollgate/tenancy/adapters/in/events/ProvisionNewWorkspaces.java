package dev.tollgate.tenancy.adapters.in.events;

import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.tenancy.api.events.OrganizationCreated;
import dev.tollgate.tenancy.application.port.in.ProvisionWorkspacesUseCase;
import jakarta.inject.Singleton;
import java.util.UUID;

/** A created workspace gets its provisioning steps recorded (once, on one node); the worker runs them. */
@Singleton
final class ProvisionNewWorkspaces implements OutboxConsumer<OrganizationCreated> {
    private final ProvisionWorkspacesUseCase provisioning;

    ProvisionNewWorkspaces(ProvisionWorkspacesUseCase provisioning) {
        this.provisioning = provisioning;
    }

    @Override
    public String name() {
        return "tenancy-workspace-provisioning";
    }

    @Override
    public Class<OrganizationCreated> eventType() {
        return OrganizationCreated.class;
    }

    @Override
    public Scope scope() {
        return Scope.CLUSTER;
    }

    @Override
    public void deliver(UUID eventId, OrganizationCreated event) {
        provisioning.schedule(event.organizationId());
    }
}

package dev.tollgate.bootstrap;

import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.tenancy.api.events.OrganizationCreated;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster-scoped consumer of {@link OrganizationCreated}, as webhooks will be: remembers what it was given. */
@Singleton
final class RecordingOrganizationsConsumer implements OutboxConsumer<OrganizationCreated> {
    final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "test-organizations-recorder";
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
        received.add(event.publicId());
    }
}

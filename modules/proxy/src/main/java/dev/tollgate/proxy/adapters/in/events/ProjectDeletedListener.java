package dev.tollgate.proxy.adapters.in.events;

import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.proxy.api.events.ProjectDeleted;
import dev.tollgate.proxy.domain.ProjectAccessRevoked;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * A deleted project's connections go on every node, not only on the one that deleted it: the outbox brings the
 * deletion to each node's data plane (to the deleting node before its request answers, to the others within the relay's
 * poll interval), which drops them as it drops a suspended project's. New connections are refused by the route lookup,
 * which reads the project's status.
 */
@Singleton
class ProjectDeletedListener implements OutboxConsumer<ProjectDeleted> {
    private final ApplicationEventPublisher<ProjectAccessRevoked> revocations;

    ProjectDeletedListener(ApplicationEventPublisher<ProjectAccessRevoked> revocations) {
        this.revocations = revocations;
    }

    @Override
    public String name() {
        return "proxy-deleted-projects";
    }

    @Override
    public Class<ProjectDeleted> eventType() {
        return ProjectDeleted.class;
    }

    @Override
    public Scope scope() {
        return Scope.NODE;
    }

    @Override
    public void deliver(UUID eventId, ProjectDeleted deleted) {
        revocations.publishEvent(ProjectAccessRevoked.everyone(deleted.projectId())); // idempotent: a dropped connection is gone
    }
}

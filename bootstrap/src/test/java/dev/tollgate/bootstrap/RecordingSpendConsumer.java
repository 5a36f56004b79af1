package dev.tollgate.bootstrap;

import dev.tollgate.entitlements.api.events.SpendThresholdReached;
import dev.tollgate.platform.outbox.OutboxConsumer;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A cluster-scoped consumer of {@link SpendThresholdReached}, as webhooks will be: remembers what it was given. */
@Singleton
final class RecordingSpendConsumer implements OutboxConsumer<SpendThresholdReached> {
    final List<SpendThresholdReached> received = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "test-spend-recorder";
    }

    @Override
    public Class<SpendThresholdReached> eventType() {
        return SpendThresholdReached.class;
    }

    @Override
    public Scope scope() {
        return Scope.CLUSTER;
    }

    @Override
    public void deliver(UUID eventId, SpendThresholdReached event) {
        received.add(event);
    }
}

package dev.tollgate.webhooks.adapters.in.events;

import dev.tollgate.entitlements.api.events.EntitlementReset;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.webhooks.application.port.in.NotifyEntitlementsUseCase;
import jakarta.inject.Singleton;
import java.util.UUID;

/** A reset by hand reaches OpenMeter's {@code entitlements.reset} rules through the outbox, on one node (ADR 0051). */
@Singleton
final class ResetsToNotifications implements OutboxConsumer<EntitlementReset> {
    private final NotifyEntitlementsUseCase notify;

    ResetsToNotifications(NotifyEntitlementsUseCase notify) {
        this.notify = notify;
    }

    @Override
    public String name() {
        return "notifications-entitlement-resets";
    }

    @Override
    public Class<EntitlementReset> eventType() {
        return EntitlementReset.class;
    }

    @Override
    public Scope scope() {
        return Scope.CLUSTER;
    }

    @Override
    public void deliver(UUID eventId, EntitlementReset event) {
        notify.resetByHand(UUID.fromString(event.namespace()), Ulid.parse(event.entitlementId()).orElseThrow(),
                Ulid.parse(event.featureId()).orElseThrow(), event.at(), event.occurredAt());
    }
}

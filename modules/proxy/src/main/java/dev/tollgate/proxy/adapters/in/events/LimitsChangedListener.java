package dev.tollgate.proxy.adapters.in.events;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.proxy.application.port.in.ProxyLimitsUseCase;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * A tier change reaches every node's data plane through the outbox: on the node that made it before its request
 * answers (the next query already sees the new limits), on the others within the relay's poll interval.
 */
@Singleton
class LimitsChangedListener implements OutboxConsumer<LimitsChanged> {
    private final ProxyLimitsUseCase limits;

    LimitsChangedListener(ProxyLimitsUseCase limits) {
        this.limits = limits;
    }

    @Override
    public String name() {
        return "proxy-limits";
    }

    @Override
    public Class<LimitsChanged> eventType() {
        return LimitsChanged.class;
    }

    @Override
    public Scope scope() {
        return Scope.NODE;
    }

    @Override
    public void deliver(UUID eventId, LimitsChanged changed) {
        limits.refresh(changed.organizationPublicId()); // idempotent: a reload
    }
}

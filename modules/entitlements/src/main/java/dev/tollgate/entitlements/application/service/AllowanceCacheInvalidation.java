package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.platform.outbox.OutboxConsumer;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * Forgets remembered allowances once the change that outdated them has committed (not before: a reload would miss it):
 * a limits change on every node, through the outbox; a usage recording on the node that took it.
 */
@Singleton
class AllowanceCacheInvalidation implements OutboxConsumer<LimitsChanged> {
    private final CachedAllowances allowances;
    private final PersonWorkspaces workspaces;

    AllowanceCacheInvalidation(CachedAllowances allowances, PersonWorkspaces workspaces) {
        this.allowances = allowances;
        this.workspaces = workspaces;
    }

    @Override
    public String name() {
        return "entitlements-allowances";
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
        allowances.forget(changed.organizationPublicId());
        workspaces.forgetWorkspace(changed.organizationPublicId());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onUsageRecorded(UsageRecorded recorded) {
        allowances.forget(recorded.organizationPublicId(), recorded.featureKey());
    }
}

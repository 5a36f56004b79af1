package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;

/** Forgets remembered allowances once the change that outdated them has committed (not before: a reload would miss it). */
@Singleton
class AllowanceCacheInvalidation {
    private final CachedAllowances allowances;
    private final PersonWorkspaces workspaces;

    AllowanceCacheInvalidation(CachedAllowances allowances, PersonWorkspaces workspaces) {
        this.allowances = allowances;
        this.workspaces = workspaces;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onLimitsChanged(LimitsChanged changed) {
        allowances.forget(changed.organizationPublicId());
        workspaces.forgetWorkspace(changed.organizationPublicId());
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onUsageRecorded(UsageRecorded recorded) {
        allowances.forget(recorded.organizationPublicId(), recorded.featureKey());
    }
}

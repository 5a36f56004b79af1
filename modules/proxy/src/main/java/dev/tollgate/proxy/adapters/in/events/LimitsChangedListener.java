package dev.tollgate.proxy.adapters.in.events;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.proxy.application.port.in.ProxyLimitsUseCase;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;

/** A tier change reaches the data plane once it commits: the next query already sees the new limits. */
@Singleton
class LimitsChangedListener {
    private final ProxyLimitsUseCase limits;

    LimitsChangedListener(ProxyLimitsUseCase limits) {
        this.limits = limits;
    }

    @TransactionalEventListener(TransactionalEventListener.TransactionPhase.AFTER_COMMIT)
    void onChanged(LimitsChanged changed) {
        limits.refresh(changed.organizationPublicId());
    }
}

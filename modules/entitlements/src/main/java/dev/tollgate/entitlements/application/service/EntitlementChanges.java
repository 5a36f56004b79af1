package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Singleton;

/**
 * An entitlement of the system namespace is an organization's limit (its customer key is the organization's id): a
 * change to it through OpenMeter's routes (a grant, a void, a reset, an override) is announced like a tier change, so
 * the proxy and the checks reload.
 */
@Singleton
class EntitlementChanges {
    private final Outbox outbox;

    EntitlementChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    void changed(Entitlement e) {
        if (TenancyApi.SYSTEM_NAMESPACE.equals(e.namespace()) && e.customerKey() != null) {
            outbox.publish(e.customerKey(), new LimitsChanged(e.customerKey()));
        }
    }
}

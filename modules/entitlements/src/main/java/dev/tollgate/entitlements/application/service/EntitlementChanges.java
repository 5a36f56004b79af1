package dev.tollgate.entitlements.application.service;

import dev.tollgate.entitlements.api.events.EntitlementReset;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.outbox.Outbox;
import dev.tollgate.entitlements.domain.Entitlement;
import dev.tollgate.tenancy.api.TenancyApi;
import jakarta.inject.Singleton;

/**
 * An entitlement of the system namespace is an organization's limit (its customer key is the organization's id): a
 * change to it through OpenMeter's routes (a grant, a void, a reset, an override) is announced like a tier change, so
 * the proxy and the checks reload. A reset by hand is announced in every namespace (OpenMeter's notifications).
 */
@Singleton
class EntitlementChanges {
    private final Outbox outbox;

    EntitlementChanges(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A reset by hand, announced for notification rules (entitlements.reset) in the reset's transaction. */
    void reset(Entitlement e, java.time.Instant at, java.time.Instant occurredAt) {
        outbox.publish(e.namespace().toString(), new EntitlementReset(e.namespace().toString(), Ulid.of(e.id()), Ulid.of(e.featureId()),
                e.featureKey(), at, occurredAt));
    }

    void changed(Entitlement e) {
        if (TenancyApi.SYSTEM_NAMESPACE.equals(e.namespace()) && e.customerKey() != null) {
            outbox.publish(e.customerKey(), new LimitsChanged(e.customerKey()));
        }
    }
}

package dev.tollgate.entitlements.adapters.out.persistence;

import dev.tollgate.entitlements.application.port.out.BillingStateStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcBillingStateStore implements BillingStateStore {
    private final BillingStateRowRepository rows;

    JdbcBillingStateStore(BillingStateRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public Optional<BillingState> find(UUID organizationId) {
        return rows.findById(organizationId).map(r -> new BillingState(r.billingProvider(), r.subscriptionStatus(), r.stripeCustomerId(),
                r.stripeSubscriptionId()));
    }

    @Override
    public java.util.Map<UUID, BillingState> all() {
        java.util.Map<UUID, BillingState> states = new java.util.HashMap<>();
        rows.findAll().forEach(r -> states.put(r.organizationId(), new BillingState(r.billingProvider(), r.subscriptionStatus(),
                r.stripeCustomerId(), r.stripeSubscriptionId())));
        return states;
    }

    @Override
    public void save(UUID organizationId, BillingState state, Instant at) {
        rows.upsert(new BillingStateRow(organizationId, state.billingProvider(), state.subscriptionStatus(), state.stripeCustomerId(),
                state.stripeSubscriptionId(), at));
    }

    @Override
    public boolean delete(UUID organizationId) {
        return rows.deleteByOrganizationId(organizationId) > 0;
    }
}

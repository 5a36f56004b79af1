package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.OverrideStore;
import dev.tollgate.billing.domain.profile.CustomerOverride;
import dev.tollgate.platform.persistence.Rows;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcOverrideStore implements OverrideStore {
    private final OverrideRowRepository rows;

    JdbcOverrideStore(OverrideRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(CustomerOverride o) {
        Rows.upsert(rows, o.customerId(), new OverrideRow(o.customerId(), o.namespace(), o.billingProfileId(), o.createdAt(), o.updatedAt()));
    }

    @Override
    public Optional<CustomerOverride> find(UUID namespace, UUID customerId) {
        return rows.findByNamespaceAndCustomerId(namespace, customerId).map(JdbcOverrideStore::toDomain);
    }

    @Override
    public boolean delete(UUID namespace, UUID customerId) {
        return rows.deleteByNamespaceAndCustomerId(namespace, customerId) > 0;
    }

    @Override
    public List<CustomerOverride> all(UUID namespace) {
        return rows.findByNamespace(namespace).stream().map(JdbcOverrideStore::toDomain).toList();
    }

    @Override
    public List<CustomerOverride> pinning(UUID namespace, UUID profileId) {
        return rows.findByNamespaceAndBillingProfileId(namespace, profileId).stream().map(JdbcOverrideStore::toDomain).toList();
    }

    private static CustomerOverride toDomain(OverrideRow r) {
        return new CustomerOverride(r.namespace(), r.customerId(), r.billingProfileId(), r.createdAt(), r.updatedAt());
    }
}

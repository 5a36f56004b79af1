package dev.tollgate.billing.adapters.out.persistence;

import dev.tollgate.billing.application.port.out.CustomerAppDataStore;
import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.CustomerAppData;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.TypeId;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

@Singleton
final class JdbcCustomerAppDataStore implements CustomerAppDataStore {
    private final CustomerAppDataRowRepository rows;

    JdbcCustomerAppDataStore(CustomerAppDataRowRepository rows) {
        this.rows = rows;
    }

    @Override
    public void save(CustomerAppData d) {
        // The row's own id is only the table's key; the data is named by (customer, app), which the namespace lock serializes.
        Optional<CustomerAppDataRow> existing = rows.findByNamespaceAndCustomerIdAndAppId(d.namespace(), d.customerId(), d.appId());
        CustomerAppDataRow row = new CustomerAppDataRow(existing.map(CustomerAppDataRow::id).orElseGet(TypeId::newUuid), d.namespace(),
                d.customerId(), d.appId(), d.type().wire(), d.metadata(), d.createdAt(), d.updatedAt());
        if (existing.isPresent()) {
            rows.update(row);
        } else {
            rows.save(row);
        }
    }

    @Override
    public Optional<CustomerAppData> find(UUID namespace, UUID customerId, UUID appId) {
        return rows.findByNamespaceAndCustomerIdAndAppId(namespace, customerId, appId).map(JdbcCustomerAppDataStore::toDomain);
    }

    @Override
    public Page<CustomerAppData> list(UUID namespace, UUID customerId, AppType type, PageRequest page) {
        String wire = type == null ? null : type.wire();
        return new Page<>(rows.ofCustomer(namespace, customerId, wire, page.limit(), page.offset()).stream()
                .map(JdbcCustomerAppDataStore::toDomain).toList(), rows.countOfCustomer(namespace, customerId, wire), page);
    }

    @Override
    public boolean delete(UUID namespace, UUID customerId, UUID appId) {
        return rows.deleteByNamespaceAndCustomerIdAndAppId(namespace, customerId, appId) > 0;
    }

    private static CustomerAppData toDomain(CustomerAppDataRow r) {
        return new CustomerAppData(r.namespace(), r.customerId(), r.appId(), AppType.of(r.type()).orElseThrow(), r.metadata(), r.createdAt(),
                r.updatedAt());
    }
}

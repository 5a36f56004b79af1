package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.app.AppType;
import dev.tollgate.billing.domain.app.CustomerAppData;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import java.util.Optional;
import java.util.UUID;

public interface CustomerAppDataStore {
    /** Inserts or updates the customer's data for the app. */
    void save(CustomerAppData data);

    Optional<CustomerAppData> find(UUID namespace, UUID customerId, UUID appId);

    /** The customer's data for installed apps, oldest link first; {@code type} null means every type. */
    Page<CustomerAppData> list(UUID namespace, UUID customerId, AppType type, PageRequest page);

    /** True when there was data to delete. */
    boolean delete(UUID namespace, UUID customerId, UUID appId);
}

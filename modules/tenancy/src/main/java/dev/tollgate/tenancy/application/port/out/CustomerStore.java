package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.domain.Customer;
import dev.tollgate.tenancy.domain.CustomerFilter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface CustomerStore {

    /**
     * Inserts or updates the customer and claims its attributed values (key and subject keys) for it alone, releasing
     * those it no longer has. A value claimed by another live customer is a conflict.
     */
    void save(Customer customer);

    Optional<Customer> findLive(UUID namespace, UUID id);

    /** The live customers of the namespace among {@code ids}, in no particular order (one query for a batch). */
    List<Customer> findLive(UUID namespace, java.util.Collection<UUID> ids);

    Optional<Customer> findLiveByKey(UUID namespace, String key);

    /** Filters match partially and case-insensitively; null means no filter. */
    Page<Customer> list(UUID namespace, CustomerFilter filter, PageRequest page);

    /** The live customers that own any of {@code values} (keys or subject keys). */
    List<Customer> ownersOf(UUID namespace, List<String> values);
}

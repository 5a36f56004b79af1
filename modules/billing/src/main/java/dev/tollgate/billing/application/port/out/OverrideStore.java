package dev.tollgate.billing.application.port.out;

import dev.tollgate.billing.domain.profile.CustomerOverride;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface OverrideStore {
    /** Inserts or updates the customer's override. */
    void save(CustomerOverride override);

    Optional<CustomerOverride> find(UUID namespace, UUID customerId);

    /** True when there was one to delete. */
    boolean delete(UUID namespace, UUID customerId);

    /** Every override of the namespace (at most one per customer). */
    List<CustomerOverride> all(UUID namespace);

    /** The overrides that pin the profile. */
    List<CustomerOverride> pinning(UUID namespace, UUID profileId);
}

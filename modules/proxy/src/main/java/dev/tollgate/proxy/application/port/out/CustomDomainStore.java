package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.CustomDomain;
import java.util.Optional;
import java.util.UUID;

public interface CustomDomainStore {
    /** Inserts or updates; a domain another project holds is a conflict (unique index). */
    void save(CustomDomain domain);

    Optional<CustomDomain> find(UUID projectId, UUID id);

    /** Whoever holds the hostname, in any project. */
    Optional<CustomDomain> findByDomain(String domain);

    /** Oldest first. */
    Page<CustomDomain> list(UUID projectId, PageRequest page);

    void delete(UUID id);

    void deleteAllOf(UUID projectId);
}

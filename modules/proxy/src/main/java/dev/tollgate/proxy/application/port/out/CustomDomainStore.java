package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.CustomDomain;
import java.util.Optional;
import java.util.UUID;

public interface CustomDomainStore {
    /**
     * Inserts or updates; the same name twice in a project, or verified in two projects, is a conflict
     * ({@code ConflictException}, from the unique indexes).
     */
    void save(CustomDomain domain);

    Optional<CustomDomain> find(UUID projectId, UUID id);

    /** The project's claim that proved the hostname, in any organization. */
    Optional<CustomDomain> findVerified(String domain);

    /** Oldest first. */
    Page<CustomDomain> list(UUID projectId, PageRequest page);

    void delete(UUID id);

    void deleteAllOf(UUID projectId);
}

package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.WorkspaceFilter;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Organizations at rest. Finders skip organizations pending deletion unless they say otherwise. */
public interface OrganizationStore {
    long nextNumber();

    /** Inserts or updates; a slug already taken raises a conflict. */
    void save(Organization organization);

    Optional<Organization> findById(UUID id);

    Optional<Organization> findByNumber(long number);

    Optional<Organization> findBySlug(String slug);

    /** Also returns organizations pending deletion (for restore). */
    Optional<Organization> findBySlugIncludingDeleted(String slug);

    boolean slugExists(String slug);

    /** The organizations {@code userId} is a member of, oldest first. */
    Page<Organization> listForMember(UUID userId, WorkspaceFilter filter, PageRequest page);

    long countForMember(UUID userId);

    /** Hard-deletes organizations whose grace period ended before {@code now}; returns how many. */
    int purgeExpired(Instant now);

    /** Live organizations per plan. */
    java.util.Map<String, Long> countPerPlan();

    /** The plans of the live organizations among {@code ids}. */
    java.util.Map<UUID, String> plansOf(java.util.Collection<UUID> ids);
}

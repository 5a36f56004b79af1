package dev.tollgate.tenancy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.domain.Membership;
import java.util.Optional;
import java.util.UUID;

public interface MembershipStore {
    void save(Membership membership);

    Optional<Membership> find(UUID organizationId, UUID userId);

    Optional<Membership> findByPublicId(UUID organizationId, String publicId);

    Page<Membership> list(UUID organizationId, PageRequest page);

    long countMembers(UUID organizationId);

    /** Members who signed in, or made a change the audit log recorded, since {@code since}. */
    long countActiveSince(UUID organizationId, java.time.Instant since);

    /**
     * The exact member count, after taking a lock on the organization held until the transaction ends: concurrent
     * additions count one after the other, so a seat limit is never overshot.
     */
    long countMembersForUpdate(UUID organizationId);

    void delete(UUID membershipId);
}

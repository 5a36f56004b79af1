package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.User;

/** Members of an organization and their roles. */
public interface ManageMembersUseCase {

    Page<Member> list(Caller caller, String organizationSlug, PageRequest page);

    Member get(Caller caller, String organizationSlug, String memberId);

    Member changeRole(Caller caller, String organizationSlug, String memberId, String role);

    void remove(Caller caller, String organizationSlug, String memberId);

    /** Adds an existing user (by email) to the organization; there is no invitation flow yet. */
    Member add(Caller caller, String organizationIdOrSlug, String email, String role);

    record Member(Membership membership, User user) {
    }
}

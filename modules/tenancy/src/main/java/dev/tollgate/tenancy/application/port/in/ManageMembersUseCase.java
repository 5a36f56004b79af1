package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.User;

/** Members of an organization and their roles; people join by invitation ({@link ManageInvitationsUseCase}). */
public interface ManageMembersUseCase {

    Page<Member> list(Caller caller, String organizationSlug, PageRequest page);

    Member get(Caller caller, String organizationSlug, String memberId);

    Member changeRole(Caller caller, String organizationSlug, String memberId, String role);

    void remove(Caller caller, String organizationSlug, String memberId);

    record Member(Membership membership, User user) {
    }
}

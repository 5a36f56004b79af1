package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.application.port.out.TeamStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.Role;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

@Singleton
class MemberService implements ManageMembersUseCase {
    private final OrganizationAccess access;
    private final MembershipStore memberships;
    private final UserStore users;
    private final TeamStore teams;

    private final AuditTrail audit;

    MemberService(OrganizationAccess access, MembershipStore memberships, UserStore users, TeamStore teams, AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.memberships = memberships;
        this.users = users;
        this.teams = teams;
    }

    @Override
    @Transactional(readOnly = true)
    public Page<Member> list(Caller caller, String organizationSlug, PageRequest page) {
        Organization organization = access.require(caller, organizationSlug, Permission.READ_MEMBERS);
        return memberships.list(organization.id(), page).map(this::withUser);
    }

    @Override
    @Transactional(readOnly = true)
    public Member get(Caller caller, String organizationSlug, String memberId) {
        Organization organization = access.require(caller, organizationSlug, Permission.READ_MEMBERS);
        return withUser(find(organization, memberId));
    }

    @Override
    @Transactional
    public Member changeRole(Caller caller, String organizationSlug, String memberId, String role) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_MEMBERS);
        Membership membership = find(organization, memberId);
        if (role == null) {
            return withUser(membership);
        }
        Role newRole = Role.parse("role", role);
        if (newRole == Role.OWNER) {
            throw new ValidationException("role", "must be one of admin, member, database_admin");
        }
        if (membership.role() == Role.OWNER && newRole == Role.ADMIN) {
            return withUser(membership); // the owner is shown as the admin they also are: asking for that changes nothing
        }
        if (membership.role() == Role.OWNER) {
            throw new ValidationException("role", "the owner's role cannot be changed");
        }
        Membership changed = membership.withRole(newRole);
        memberships.save(changed);
        Member member = withUser(changed);
        if (newRole != membership.role()) {
            audit.record(caller, organization.id(), AuditTrail.Change.updated("member", membership.publicId(),
                    "Role of " + member.user().email() + " changed from " + membership.role().wireName() + " to " + newRole.wireName(),
                    AuditSnapshots.of(membership, member.user().email()), AuditSnapshots.of(changed, member.user().email())));
        }
        return member;
    }

    @Override
    @Transactional
    public void remove(Caller caller, String organizationSlug, String memberId) {
        Organization organization = access.require(caller, organizationSlug, Permission.MANAGE_MEMBERS);
        Membership membership = find(organization, memberId);
        if (membership.role() == Role.OWNER) {
            throw new ValidationException("member_id", "the owner cannot be removed from the organization");
        }
        teams.removeMemberFromTeams(organization.id(), membership.userId());
        memberships.delete(membership.id());
        String email = withUser(membership).user().email();
        audit.record(caller, organization.id(), AuditTrail.Change.deleted("member", membership.publicId(),
                email + " removed from the workspace", AuditSnapshots.of(membership, email)));
    }

    private Membership find(Organization organization, String memberId) {
        return memberships.findByPublicId(organization.id(), memberId)
                .orElseThrow(() -> NotFoundException.of("Member", memberId));
    }

    private Member withUser(Membership membership) {
        return new Member(membership, users.findById(membership.userId())
                .orElseThrow(() -> new IllegalStateException("membership without user " + membership.userId())));
    }
}

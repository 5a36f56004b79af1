package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.UnauthenticatedException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageInvitationsUseCase;
import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase.Member;
import dev.tollgate.tenancy.application.port.out.InvitationStore;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.application.port.out.UserStore;
import dev.tollgate.tenancy.domain.Invitation;
import dev.tollgate.tenancy.domain.Membership;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import dev.tollgate.tenancy.domain.Role;
import dev.tollgate.tenancy.domain.User;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Invitations. Every answer to the inviter is the same whether or not the email has an account: the account is
 * only ever looked up for the invitee, who is signed in as it. An invitation someone may not see is "not found".
 */
@Singleton
class InvitationService implements ManageInvitationsUseCase {
    private final OrganizationAccess access;
    private final InvitationStore invitations;
    private final MembershipStore memberships;
    private final UserStore users;
    private final SeatCheck seats;
    private final Clock clock;
    private final AuditTrail audit;

    InvitationService(OrganizationAccess access, InvitationStore invitations, MembershipStore memberships, UserStore users,
                      SeatCheck seats, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.access = access;
        this.invitations = invitations;
        this.memberships = memberships;
        this.users = users;
        this.seats = seats;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Invitation invite(Caller caller, String organizationIdOrSlug, String email, String role) {
        Organization organization = access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.MANAGE_MEMBERS);
        Role offered = role == null ? Role.MEMBER : Role.parse("role", role);
        if (offered == Role.OWNER) {
            throw new ValidationException("role", "must be one of admin, member, database_admin");
        }
        String address = User.normalizeEmail(email);
        // The inviter can list the members, so saying that one of them already has this email reveals nothing new.
        if (isMember(organization, address)) {
            throw new ConflictException("already_member", address + " is already a member");
        }
        seats.requireFreeSeat(organization, memberships.countMembers(organization.id()));
        Invitation invitation = invitations.find(organization.id(), address)
                .map(open -> open.renewed(offered, caller.userId(), clock.instant()))
                .orElseGet(() -> Invitation.issue(organization.id(), address, offered, caller.userId(), clock.instant()));
        invitations.save(invitation);
        audit.record(caller, organization.id(), AuditTrail.Change.created("invitation", invitation.publicId(),
                address + " invited as " + offered.wireName(), AuditSnapshots.of(invitation)));
        return invitation;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Invitation> listForOrganization(Caller caller, String organizationIdOrSlug) {
        Organization organization = access.requireByIdOrSlug(caller, organizationIdOrSlug, Permission.READ_MEMBERS);
        return invitations.forOrganization(organization.id()).stream().filter(i -> i.isOpen(clock.instant())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Invitation> listMine(Caller caller) {
        return invitations.addressedTo(signedIn(caller).email()).stream().filter(i -> i.isOpen(clock.instant())).toList();
    }

    @Override
    @Transactional
    public Member accept(Caller caller, String invitationId) {
        User invitee = signedIn(caller);
        Invitation invitation = addressedTo(invitee, invitationId)
                .filter(i -> i.isOpen(clock.instant()))
                .orElseThrow(() -> NotFoundException.of("Invitation", invitationId));
        Organization organization = access.byId(invitation.organizationId());
        invitations.delete(invitation.id());
        Optional<Membership> existing = memberships.find(organization.id(), invitee.id());
        if (existing.isPresent()) {
            return new Member(existing.get(), invitee); // accepting twice (or after joining otherwise) changes nothing
        }
        seats.requireFreeSeat(organization, memberships.countMembersForUpdate(organization.id()));
        Membership membership = Membership.join(organization.id(), invitee.id(), invitation.role(), clock.instant());
        memberships.save(membership);
        audit.record(caller, organization.id(), AuditTrail.Change.created("member", membership.publicId(),
                invitee.email() + " joined as " + membership.role().wireName() + " (invitation " + invitation.publicId() + ")",
                AuditSnapshots.of(membership, invitee.email())));
        return new Member(membership, invitee);
    }

    @Override
    @Transactional
    public void withdraw(Caller caller, String invitationId) {
        Invitation invitation = invitations.findByPublicId(invitationId)
                .orElseThrow(() -> NotFoundException.of("Invitation", invitationId));
        boolean isInvitee = caller.isUser() && users.findById(caller.userId())
                .map(u -> u.email().equals(invitation.email())).orElse(false);
        if (!isInvitee) {
            if (!access.canSee(caller, invitation.organizationId())) {
                throw NotFoundException.of("Invitation", invitationId);
            }
            access.require(caller, access.byId(invitation.organizationId()), Permission.MANAGE_MEMBERS);
        }
        invitations.delete(invitation.id());
        audit.record(caller, invitation.organizationId(), AuditTrail.Change.deleted("invitation", invitation.publicId(),
                "Invitation of " + invitation.email() + (isInvitee ? " declined" : " withdrawn"), AuditSnapshots.of(invitation)));
    }

    private Optional<Invitation> addressedTo(User invitee, String invitationId) {
        return invitations.findByPublicId(invitationId).filter(i -> i.email().equals(invitee.email()));
    }

    private boolean isMember(Organization organization, String email) {
        return users.findByEmail(email).flatMap(u -> memberships.find(organization.id(), u.id())).isPresent();
    }

    private User signedIn(Caller caller) {
        if (!caller.isUser()) {
            throw new dev.tollgate.platform.domain.ForbiddenException("user_required", "Invitations belong to the invited person, signed in; "
                    + "API keys and service tokens cannot hold one");
        }
        return users.findById(caller.userId()).orElseThrow(() -> new UnauthenticatedException("the account no longer exists"));
    }
}

package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.domain.Invitation;
import java.util.List;

/**
 * Bringing people into an organization. An organization invites an email; whoever signs in with that email accepts
 * (becoming a member) or declines. The inviter learns nothing about whether the email has an account.
 */
public interface ManageInvitationsUseCase {

    /** Invites (or re-invites, renewing the offer) {@code email} with {@code role}; member by default. */
    Invitation invite(Caller caller, String organizationIdOrSlug, String email, String role);

    /** The organization's open invitations, for those who may read its members. */
    List<Invitation> listForOrganization(Caller caller, String organizationIdOrSlug);

    /** The open invitations addressed to the signed-in user's email. */
    List<Invitation> listMine(Caller caller);

    /** The signed-in invitee takes the offered role; the invitation is used up. */
    ManageMembersUseCase.Member accept(Caller caller, String invitationId);

    /** The invitee declines, or someone who manages the organization's members withdraws the invitation. */
    void withdraw(Caller caller, String invitationId);
}

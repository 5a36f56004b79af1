package dev.tollgate.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageInvitationsUseCase;
import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase.Member;
import dev.tollgate.tenancy.domain.Invitation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/**
 * Joining an organization by invitation (no document covers it; PgBeam's conventions apply). Inviting answers 202
 * whether or not the email has an account, so it cannot be used to find out which emails do.
 */
@Controller("/v1/invitations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tollgate: members")
final class InvitationsController {
    private final ManageInvitationsUseCase invitations;

    InvitationsController(ManageInvitationsUseCase invitations) {
        this.invitations = invitations;
    }

    @Serdeable
    record InviteRequest(@Nullable String org_id, @Nullable String email, @Nullable String role) {
    }

    @Serdeable
    record InvitationView(String id, String org_id, String email, String role, Instant created_at, Instant expires_at) {
        static InvitationView of(Invitation i) {
            return new InvitationView(i.publicId(), TypeId.format("org", i.organizationId()), i.email(), i.role().wireName(),
                    i.createdAt(), i.expiresAt());
        }
    }

    @Serdeable
    record InvitationList(List<InvitationView> invitations) {
        static InvitationList of(List<Invitation> all) {
            return new InvitationList(all.stream().map(InvitationView::of).toList());
        }
    }

    @Serdeable
    record MembershipView(String id, String org_id, String user_id, String email, String role, Instant created_at) {
        static MembershipView of(Member m) {
            return new MembershipView(m.membership().publicId(), TypeId.format("org", m.membership().organizationId()),
                    m.user().publicId(), m.user().email(), m.membership().role().wireName(), m.membership().createdAt());
        }
    }

    @Post
    @Operation(operationId = "InviteMember", summary = "Invite an email to an organization with a role")
    HttpResponse<InvitationView> invite(Caller caller, @Body InviteRequest body) {
        if (body.org_id() == null || body.org_id().isBlank()) {
            throw new ValidationException("org_id", "is required");
        }
        return HttpResponse.accepted().body(InvitationView.of(invitations.invite(caller, body.org_id(), body.email(), body.role())));
    }

    @Get
    @Operation(operationId = "ListInvitations",
            summary = "An organization's open invitations (org_id), or those addressed to the signed-in user")
    InvitationList list(Caller caller, @Nullable @QueryValue("org_id") String orgId) {
        return InvitationList.of(orgId == null ? invitations.listMine(caller) : invitations.listForOrganization(caller, orgId));
    }

    @Post("/{invitation_id}/accept")
    @Operation(operationId = "AcceptInvitation", summary = "Join the organization as the invited, signed-in user")
    HttpResponse<MembershipView> accept(Caller caller, String invitation_id) {
        return HttpResponse.created(MembershipView.of(invitations.accept(caller, invitation_id)));
    }

    @Delete("/{invitation_id}")
    @Operation(operationId = "WithdrawInvitation", summary = "Decline (the invitee) or withdraw (a member manager) an invitation")
    HttpResponse<Void> withdraw(Caller caller, String invitation_id) {
        invitations.withdraw(caller, invitation_id);
        return HttpResponse.noContent();
    }
}

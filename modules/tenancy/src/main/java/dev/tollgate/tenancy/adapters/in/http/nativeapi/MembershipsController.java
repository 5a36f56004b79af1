package dev.tollgate.tenancy.adapters.in.http.nativeapi;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase;
import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase.Member;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/** Adds an existing user to an organization (no document covers member creation; PgBeam's conventions apply). */
@Controller("/v1/memberships")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Tollgate: members")
final class MembershipsController {
    private final ManageMembersUseCase members;

    MembershipsController(ManageMembersUseCase members) {
        this.members = members;
    }

    @Serdeable
    record AddMemberRequest(@Nullable String org_id, @Nullable String email, @Nullable String role) {
    }

    @Serdeable
    record MembershipView(String id, String org_id, String user_id, String email, String role, Instant created_at) {
        static MembershipView of(Member m) {
            return new MembershipView(m.membership().publicId(), TypeId.format("org", m.membership().organizationId()),
                    m.user().publicId(), m.user().email(), m.membership().role().wireName(), m.membership().createdAt());
        }
    }

    @Post
    @Operation(operationId = "AddMember", summary = "Add an existing user to an organization with a role")
    HttpResponse<MembershipView> add(Caller caller, @Body AddMemberRequest body) {
        if (body.org_id() == null || body.org_id().isBlank()) {
            throw new ValidationException("org_id", "is required");
        }
        return HttpResponse.created(MembershipView.of(members.add(caller, body.org_id(), body.email(), body.role())));
    }
}

package dev.tollgate.tenancy.adapters.in.http.planetscale;

import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.MemberView;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageMembersUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/v1/organizations/{organization}/members")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: members")
final class MembersController {
    private final ManageMembersUseCase members;

    MembersController(ManageMembersUseCase members) {
        this.members = members;
    }

    @Serdeable
    record UpdateMemberRequest(@Nullable String role) {
    }

    @Get
    @Operation(operationId = "listOrganizationMembers", summary = "List organization members")
    DataList<MemberView> list(Caller caller, String organization, @Nullable @QueryValue Integer page,
                              @Nullable @QueryValue("per_page") Integer perPage) {
        return new DataList<>(members.list(caller, organization, Paging.planetscale(page, perPage)).items().stream()
                .map(MemberView::of).toList());
    }

    @Get("/{member_id}")
    @Operation(operationId = "getOrganizationMember", summary = "Get an organization member")
    MemberView get(Caller caller, String organization, String member_id) {
        return MemberView.of(members.get(caller, organization, member_id));
    }

    @Patch("/{member_id}")
    @Operation(operationId = "updateOrganizationMember", summary = "Update an organization member")
    MemberView update(Caller caller, String organization, String member_id, @Body UpdateMemberRequest body) {
        return MemberView.of(members.changeRole(caller, organization, member_id, body.role()));
    }

    @Delete("/{member_id}")
    @Operation(operationId = "deleteOrganizationMember", summary = "Remove an organization member")
    HttpResponse<Void> delete(Caller caller, String organization, String member_id) {
        members.remove(caller, organization, member_id);
        return HttpResponse.noContent();
    }
}

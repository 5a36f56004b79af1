package dev.tollgate.proxy.adapters.in.http.planetscale;

import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.BranchResponse;
import dev.tollgate.proxy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.proxy.application.port.in.ManageBranchesUseCase;
import dev.tollgate.proxy.application.port.in.ManageBranchesUseCase.CreateBranchCommand;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** PlanetScale's branches (ADR 0056): each a PostgreSQL database of its own, copied from its parent. */
@Controller("/v1/organizations/{organization}/databases/{database}/branches")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: branches")
final class BranchesController {
    private final ManageBranchesUseCase branches;

    BranchesController(ManageBranchesUseCase branches) {
        this.branches = branches;
    }

    @Serdeable
    record CreateRequest(@Nullable String name, @Nullable String parent_branch, @Nullable String backup_id, @Nullable String seed_data,
                         @Nullable String cluster_size, @Nullable String region) {
    }

    @Serdeable
    record UpdateRequest(@Nullable String cluster_size) {
    }

    @Get
    @Operation(operationId = "listBranches", summary = "List branches")
    DataList<BranchResponse> list(Caller caller, String organization, String database, @Nullable @QueryValue Integer page,
                                  @Nullable @QueryValue("per_page") Integer perPage) {
        return new DataList<>(branches.list(caller, organization, database, Paging.planetscale(page, perPage)).items().stream()
                .map(BranchResponse::of).toList());
    }

    @Post
    @Operation(operationId = "createBranch", summary = "Create a branch")
    HttpResponse<BranchResponse> create(Caller caller, String organization, String database, @Nullable @Body CreateRequest body) {
        CreateRequest b = body == null ? new CreateRequest(null, null, null, null, null, null) : body;
        return HttpResponse.created(BranchResponse.of(branches.create(caller, organization, database,
                new CreateBranchCommand(b.name(), b.parent_branch(), b.backup_id(), b.seed_data(), b.cluster_size(), b.region()))));
    }

    @Get("/{branch}")
    @Operation(operationId = "getBranch", summary = "Get a branch")
    BranchResponse get(Caller caller, String organization, String database, String branch) {
        return BranchResponse.of(branches.get(caller, organization, database, branch));
    }

    @Patch("/{branch}")
    @Operation(operationId = "updateBranch", summary = "Update a branch")
    BranchResponse update(Caller caller, String organization, String database, String branch, @Nullable @Body UpdateRequest body) {
        return BranchResponse.of(branches.resize(caller, organization, database, branch, body == null ? null : body.cluster_size()));
    }

    @Delete("/{branch}")
    @Operation(operationId = "deleteBranch", summary = "Delete a branch")
    HttpResponse<Void> delete(Caller caller, String organization, String database, String branch) {
        branches.delete(caller, organization, database, branch);
        return HttpResponse.noContent();
    }
}

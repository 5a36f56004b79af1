package dev.tollgate.tenancy.adapters.in.http.phptenant;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** php-tenant's read-only API-key routes; an API key sees exactly its own workspace. */
@Controller("/api/v1/workspaces")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: workspaces (API key)")
final class WorkspacesApiKeyController {
    private final ManageWorkspacesUseCase workspaces;
    private final WorkspaceQueries queries;

    WorkspacesApiKeyController(ManageWorkspacesUseCase workspaces, WorkspaceQueries queries) {
        this.workspaces = workspaces;
        this.queries = queries;
    }

    @Get
    @Operation(operationId = "listWorkspacesApiKey", summary = "List workspaces (API key)")
    PaginatedWorkspaces list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue String type,
                             @Nullable @QueryValue("is_active") Boolean isActive, @Nullable @QueryValue String search,
                             @Nullable @QueryValue Integer page, @Nullable @QueryValue("per_page") Integer perPage) {
        return queries.list(caller, request, type, isActive, search, page, perPage);
    }

    @Get("/current")
    @Operation(operationId = "getCurrentWorkspaceApiKey", summary = "Get current workspace (API key)")
    WorkspaceResource current(Caller caller) {
        return queries.resource(workspaces.current(caller).orElseThrow(() -> new NotFoundException("No workspace found.")));
    }

    @Get("/{workspace}")
    @Operation(operationId = "getWorkspaceApiKey", summary = "Get a workspace (API key)")
    WorkspaceResource get(Caller caller, long workspace) {
        return queries.resource(workspaces.getByNumber(caller, workspace));
    }
}

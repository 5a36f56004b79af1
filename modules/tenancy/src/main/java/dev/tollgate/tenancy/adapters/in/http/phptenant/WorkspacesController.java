package dev.tollgate.tenancy.adapters.in.http.phptenant;

import dev.tollgate.platform.domain.ConflictException;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase.CreateWorkspaceCommand;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase.UpdateWorkspaceCommand;
import dev.tollgate.tenancy.domain.Organization;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.function.Supplier;

/** php-tenant's session routes. Deleting starts the same 30-day grace period as Centrali's delete. */
@Controller("/api/workspaces")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "php-tenant: workspaces")
final class WorkspacesController {
    private final ManageWorkspacesUseCase workspaces;
    private final WorkspaceQueries queries;

    WorkspacesController(ManageWorkspacesUseCase workspaces, WorkspaceQueries queries) {
        this.workspaces = workspaces;
        this.queries = queries;
    }

    @Serdeable
    record CreateWorkspaceRequest(@Nullable String name, @Nullable String slug, @Nullable String icon, @Nullable String color,
                                  @Nullable String description, @Nullable String type) {
    }

    @Serdeable
    record UpdateWorkspaceRequest(@Nullable String name, @Nullable String slug, @Nullable String icon, @Nullable String color,
                                  @Nullable String description, @Nullable Object is_active) {
        /** Laravel's "boolean" rule: true/false only; a lenient parse would turn "maybe" into false. */
        Boolean active() {
            if (is_active == null || is_active instanceof Boolean) {
                return (Boolean) is_active;
            }
            throw new ValidationException("is_active", "The is_active field must be true or false.");
        }
    }

    @Get
    @Operation(operationId = "listWorkspaces", summary = "List workspaces")
    PaginatedWorkspaces list(Caller caller, HttpRequest<?> request, @Nullable @QueryValue String type,
                             @Nullable @QueryValue("is_active") Boolean isActive, @Nullable @QueryValue String search,
                             @Nullable @QueryValue Integer page, @Nullable @QueryValue("per_page") Integer perPage) {
        return queries.list(caller, request, type, isActive, search, page, perPage);
    }

    @Post
    @Operation(operationId = "createWorkspace", summary = "Create a workspace")
    WorkspaceResource create(Caller caller, @Body CreateWorkspaceRequest body) {
        return queries.resource(slugTakenIsInvalid(() -> workspaces.create(caller, new CreateWorkspaceCommand(body.name(), body.slug(),
                body.description(), body.icon(), body.color(), body.type(), null))));
    }

    @Get("/current")
    @Operation(operationId = "getCurrentWorkspace", summary = "Get current workspace")
    HttpResponse<WorkspaceResource> current(Caller caller) {
        // The document's 404 here has no body.
        return workspaces.current(caller).map(o -> HttpResponse.ok(queries.resource(o)))
                .orElseGet(() -> HttpResponse.<WorkspaceResource>notFound());
    }

    @Get("/{workspace}")
    @Operation(operationId = "getWorkspace", summary = "Get a workspace")
    WorkspaceResource get(Caller caller, long workspace) {
        return queries.resource(workspaces.getByNumber(caller, workspace));
    }

    @Put("/{workspace}")
    @Operation(operationId = "updateWorkspace", summary = "Update a workspace")
    WorkspaceResource update(Caller caller, long workspace, @Body UpdateWorkspaceRequest body) {
        var target = workspaces.getByNumber(caller, workspace);
        return queries.resource(slugTakenIsInvalid(() -> workspaces.update(caller, target, new UpdateWorkspaceCommand(body.name(),
                body.slug(), body.description(), body.icon(), body.color(), body.active(), false, false, false))));
    }

    /**
     * createWorkspace and updateWorkspace document no 409: like Laravel's unique rule, a slug in use (found first, or
     * raced to by another request) is a 422 on the slug field.
     */
    private static Organization slugTakenIsInvalid(Supplier<Organization> write) {
        try {
            return write.get();
        } catch (ConflictException e) {
            if ("slug_taken".equals(e.code())) {
                throw new ValidationException("slug", "The slug has already been taken.");
            }
            throw e;
        }
    }

    @Delete("/{workspace}")
    @Operation(operationId = "deleteWorkspace", summary = "Delete a workspace")
    HttpResponse<Void> delete(Caller caller, long workspace) {
        workspaces.requestDeletion(caller, workspaces.getByNumber(caller, workspace));
        return HttpResponse.noContent();
    }

    @Post("/{workspace}/switch")
    @Operation(operationId = "switchWorkspace", summary = "Switch to a workspace")
    WorkspaceResource switchTo(Caller caller, long workspace) {
        return queries.resource(workspaces.switchTo(caller, workspace));
    }
}

package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamRequests.CreateProjectBody;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamRequests.UpdateProjectBody;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamViews.DatabaseResponse;
import dev.tollgate.proxy.adapters.in.http.pgbeam.PgBeamViews.ProjectResponse;
import dev.tollgate.proxy.application.port.in.ManageDatabasesUseCase;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.CidrInput;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.CreateProjectCommand;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectView;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.UpdateProjectCommand;
import dev.tollgate.tenancy.api.Caller;
import io.micronaut.context.annotation.Value;
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
import java.util.List;
import java.util.Locale;

@Controller("/v1/projects")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PgBeam: projects")
final class ProjectsController {
    private final ManageProjectsUseCase projects;
    private final int proxyPort;

    ProjectsController(ManageProjectsUseCase projects, @Value("${tollgate.proxy.port:6432}") int proxyPort) {
        this.projects = projects;
        this.proxyPort = proxyPort;
    }

    @Serdeable
    record ListProjectsResponse(List<ProjectResponse> projects, long total, @Nullable String next_page_token) {
    }

    @Serdeable
    record CreateProjectResponse(ProjectResponse project, DatabaseResponse database) {
    }

    @Get
    @Operation(operationId = "ListProjects", summary = "List projects")
    ListProjectsResponse list(Caller caller, @Nullable @QueryValue("org_id") String orgId,
                              @Nullable @QueryValue("page_size") Integer pageSize, @Nullable @QueryValue("page_token") String pageToken,
                              @Nullable @QueryValue("sort_by") String sortBy) {
        if (orgId == null || orgId.isBlank()) {
            throw new ValidationException("org_id", "is required");
        }
        Page<ProjectView> page = projects.list(caller, orgId, sort(sortBy), Paging.pgbeam(pageToken, pageSize));
        return new ListProjectsResponse(page.items().stream().map(ProjectResponse::of).toList(), page.total(),
                Paging.nextPageToken(page));
    }

    @Post
    @Operation(operationId = "CreateProject", summary = "Create a project with its primary database")
    HttpResponse<CreateProjectResponse> create(Caller caller, @Body CreateProjectBody body) {
        if (body.org_id() == null || body.org_id().isBlank()) {
            throw new ValidationException("org_id", "is required");
        }
        if (body.database() == null) {
            throw new ValidationException("database", "is required");
        }
        var created = projects.create(caller, new CreateProjectCommand(body.org_id(), body.name(), body.description(), body.tags(),
                body.cloud(), body.database().toSpec()));
        return HttpResponse.created(new CreateProjectResponse(ProjectResponse.of(created.project()),
                DatabaseResponse.of(created.database(), created.project().project(), proxyPort)));
    }

    @Get("/{project_id}")
    @Operation(operationId = "GetProject", summary = "Get a project")
    ProjectResponse get(Caller caller, String project_id) {
        return ProjectResponse.of(projects.get(caller, project_id));
    }

    @Patch("/{project_id}")
    @Operation(operationId = "UpdateProject", summary = "Update a project")
    ProjectResponse update(Caller caller, String project_id, @Body UpdateProjectBody body) {
        List<CidrInput> cidrs = body.allowed_cidrs() == null ? null
                : body.allowed_cidrs().stream().map(c -> c == null ? null : new CidrInput(c.cidr(), c.label())).toList();
        return ProjectResponse.of(projects.update(caller, project_id,
                new UpdateProjectCommand(body.name(), body.description(), body.tags(), cidrs, body.status())));
    }

    @Delete("/{project_id}")
    @Operation(operationId = "DeleteProject", summary = "Soft-delete a project and its databases")
    HttpResponse<Void> delete(Caller caller, String project_id) {
        projects.delete(caller, project_id);
        return HttpResponse.noContent();
    }

    private static ProjectSort sort(String sortBy) {
        if (sortBy == null) {
            return ProjectSort.CREATED_AT;
        }
        return switch (sortBy) {
            case "name", "created_at", "active_connections" -> ProjectSort.valueOf(sortBy.toUpperCase(Locale.ROOT));
            default -> throw new ValidationException("sort_by", "must be one of name, created_at, active_connections");
        };
    }
}

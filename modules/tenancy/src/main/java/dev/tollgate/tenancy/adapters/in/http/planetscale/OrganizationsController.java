package dev.tollgate.tenancy.adapters.in.http.planetscale;

import dev.tollgate.tenancy.domain.WorkspaceFilter;
import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.DataList;
import dev.tollgate.tenancy.adapters.in.http.planetscale.PlanetScaleViews.OrganizationView;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase;
import dev.tollgate.tenancy.domain.Organization;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Controller("/v1/organizations")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "PlanetScale: organizations")
final class OrganizationsController {
    private final ManageWorkspacesUseCase workspaces;

    OrganizationsController(ManageWorkspacesUseCase workspaces) {
        this.workspaces = workspaces;
    }

    @Get
    @Operation(operationId = "listOrganizations", summary = "List organizations")
    DataList<OrganizationView> list(Caller caller) {
        // Not paginated in the document: return them all (bounded by PageRequest.MAX_LIMIT).
        Page<Organization> page = workspaces.list(caller, WorkspaceFilter.NONE, new PageRequest(0, PageRequest.MAX_LIMIT));
        return new DataList<>(page.items().stream().map(OrganizationView::of).toList());
    }

    @Get("/{organization}")
    @Operation(operationId = "getOrganization", summary = "Get an organization")
    OrganizationView get(Caller caller, String organization) {
        return OrganizationView.of(workspaces.getBySlug(caller, organization));
    }
}

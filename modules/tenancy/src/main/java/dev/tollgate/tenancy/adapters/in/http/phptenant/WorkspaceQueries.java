package dev.tollgate.tenancy.adapters.in.http.phptenant;

import dev.tollgate.tenancy.domain.WorkspaceFilter;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.http.Paging;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ManageWorkspacesUseCase;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.WorkspaceType;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/** The read side both php-tenant controllers share (session routes and API-key routes). */
@Singleton
final class WorkspaceQueries {
    private final ManageWorkspacesUseCase workspaces;

    WorkspaceQueries(ManageWorkspacesUseCase workspaces) {
        this.workspaces = workspaces;
    }

    PaginatedWorkspaces list(Caller caller, HttpRequest<?> request, String type, Boolean isActive, String search,
                             Integer page, Integer perPage) {
        PageRequest window = Paging.phpTenant(page, perPage);
        var filter = new WorkspaceFilter(type == null ? null : WorkspaceType.parse("type", type), isActive,
                search == null || search.isBlank() ? null : search);
        return PaginatedWorkspaces.of(workspaces.list(caller, filter, window).map(this::resource), request);
    }

    WorkspaceResource resource(Organization organization) {
        return WorkspaceResource.of(organization, workspaces.memberCount(organization));
    }
}

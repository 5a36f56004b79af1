package dev.tollgate.tenancy.adapters.in.http.phptenant;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.http.LaravelPagination;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Laravel's paginator envelope of workspaces. */
@Serdeable
record PaginatedWorkspaces(List<WorkspaceResource> data, LaravelPagination.Links links, LaravelPagination.Meta meta) {

    static PaginatedWorkspaces of(Page<WorkspaceResource> page, HttpRequest<?> request) {
        return new PaginatedWorkspaces(page.items(), LaravelPagination.links(page, request), LaravelPagination.meta(page));
    }
}

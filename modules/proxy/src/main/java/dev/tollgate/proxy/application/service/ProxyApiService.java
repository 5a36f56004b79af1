package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.UUID;

@Singleton
class ProxyApiService implements ProxyApi {
    private final ProjectStore projects;

    ProxyApiService(ProjectStore projects) {
        this.projects = projects;
    }

    /** Counted as PlanGuard counts before it admits a project. */
    @Override
    @Transactional(readOnly = true)
    public long activeProjects(UUID organizationId) {
        return projects.list(organizationId, ProjectSort.CREATED_AT, new PageRequest(0, 1)).total();
    }
}

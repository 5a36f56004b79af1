package dev.tollgate.proxy.application.port.out;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectSort;
import dev.tollgate.proxy.domain.Project;
import java.util.Optional;
import java.util.UUID;

/** Projects at rest; finders skip deleted projects. */
public interface ProjectStore {
    void save(Project project);

    Optional<Project> findById(UUID id);

    Optional<Project> findByProxyHost(String proxyHost);

    Page<Project> list(UUID organizationId, ProjectSort sort, PageRequest page);
}

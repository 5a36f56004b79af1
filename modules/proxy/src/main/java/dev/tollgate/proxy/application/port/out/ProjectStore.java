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

    /** The project's allowed networks, oldest first, with the id and time each was first allowed (saved with the project). */
    java.util.List<dev.tollgate.proxy.domain.AllowedNetwork> allowedNetworks(Project project);

    Optional<Project> findByProxyHost(String proxyHost);

    /** A page of the organization's projects, sorted by name or creation (see below for active connections). */
    default Page<Project> list(UUID organizationId, ProjectSort sort, PageRequest page) {
        return list(organizationId, sort, page, java.time.Instant.EPOCH);
    }

    /**
     * A page of the organization's projects; by active connections, most first, as their latest metrics snapshots since
     * {@code activeSince} report them (ADR 0053), then by creation.
     */
    Page<Project> list(UUID organizationId, ProjectSort sort, PageRequest page, java.time.Instant activeSince);
}

package dev.tollgate.proxy.application.port.in;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.DatabaseSpec;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** Projects of an organization, PgBeam-style. Projects of other organizations are not found. */
public interface ManageProjectsUseCase {

    Page<ProjectView> list(Caller caller, String organizationIdOrSlug, ProjectSort sort, PageRequest page);

    /** Creates the project with its primary database in one transaction. */
    Created create(Caller caller, CreateProjectCommand command);

    ProjectView get(Caller caller, String projectId);

    ProjectView update(Caller caller, String projectId, UpdateProjectCommand command);

    /** Soft-deletes the project and its databases. */
    void delete(Caller caller, String projectId);

    enum ProjectSort { NAME, CREATED_AT, ACTIVE_CONNECTIONS }

    /**
     * A project with its database count, the limits in force for it (its tier's, where the tier sets them) and its
     * active connections as its latest metrics snapshots report them (0 without recent metrics).
     */
    record ProjectView(Project project, int databaseCount, dev.tollgate.proxy.domain.ProjectLimits limits, int activeConnections) {
    }

    record Created(ProjectView project, Database database) {
    }

    record CreateProjectCommand(String organizationIdOrSlug, String name, String description, List<String> tags, String cloud,
                                DatabaseSpec database) {
    }

    /** Null fields stay as they are; a list replaces the whole set. */
    record UpdateProjectCommand(String name, String description, List<String> tags, List<CidrInput> allowedCidrs, String status) {
    }

    record CidrInput(String cidr, String label) {
    }
}

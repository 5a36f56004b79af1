package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.tenancy.api.AuditTrail;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds a project or database by its public id and checks the caller's right to it in the owning organization.
 * Anything the caller may not see is reported as not found, exactly like an id that does not exist.
 */
@Singleton
class ProjectLookup {
    private final ProjectStore projects;
    private final DatabaseStore databases;
    private final TenancyApi tenancy;

    ProjectLookup(ProjectStore projects, DatabaseStore databases, TenancyApi tenancy) {
        this.projects = projects;
        this.databases = databases;
        this.tenancy = tenancy;
    }

    Project project(Caller caller, String projectId, Capability capability) {
        Project project = parse("prj", projectId).flatMap(projects::findById)
                .orElseThrow(() -> NotFoundException.of("Project", projectId));
        requireAccess(caller, project, capability, "Project", projectId);
        return project;
    }

    Database database(Caller caller, Project project, String databaseId) {
        return parse("db", databaseId).flatMap(databases::findById)
                .filter(d -> d.projectId().equals(project.id()))
                .orElseThrow(() -> NotFoundException.of("Database", databaseId));
    }

    /** A database addressed on its own (replica routes): its project's organization decides. */
    Database database(Caller caller, String databaseId, Capability capability) {
        Database database = parse("db", databaseId).flatMap(databases::findById)
                .orElseThrow(() -> NotFoundException.of("Database", databaseId));
        Project project = projects.findById(database.projectId()).orElseThrow(() -> NotFoundException.of("Database", databaseId));
        requireAccess(caller, project, capability, "Database", databaseId);
        return database;
    }

    /** The organization of a project known to exist. */
    UUID organizationOfProject(UUID projectId) {
        return projects.findById(projectId).map(Project::organizationId)
                .orElseThrow(() -> new IllegalStateException("no project " + projectId));
    }

    /** The organization of a database already found through one of the methods above. */
    UUID organizationOf(Database database) {
        return projects.findById(database.projectId()).map(Project::organizationId)
                .orElseThrow(() -> new IllegalStateException("database " + database.publicId() + " without its project"));
    }

    private void requireAccess(Caller caller, Project project, Capability capability, String kind, String id) {
        try {
            tenancy.requireOrganizationAccess(caller, project.organizationId(), capability);
        } catch (NotFoundException hidden) {
            throw NotFoundException.of(kind, id);
        }
    }

    private static Optional<UUID> parse(String prefix, String id) {
        try {
            return Optional.of(TypeId.parse(prefix, id));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }
}

package dev.tollgate.proxy.api;

import java.util.Optional;
import java.util.UUID;

/** What the deployable may ask of the proxy module: how much of a tier's project allowance an organization uses. */
public interface ProxyApi {
    /** The organization's projects that count against {@code max_projects} (all but deleted ones). */
    long activeProjects(UUID organizationId);

    /**
     * The id ({@code prj_…}) of the organization's live project named by {@code idOrName}: its id, or its name when no
     * other live project of the organization has that name. Empty otherwise (PlanetScale's databases, ADR 0048).
     */
    Optional<String> projectOf(UUID organizationId, String idOrName);

    /** The live projects of the organizations, oldest first, as an account export lists them. */
    java.util.List<ProjectSummary> projectsOf(java.util.Collection<UUID> organizationIds);

    /** The live registered databases of those projects (managed branches have no address of their own to show). */
    java.util.List<DatabaseSummary> databasesOf(java.util.Collection<UUID> organizationIds);

    record ProjectSummary(String id, String organizationId, String name, String description, String status, java.time.Instant createdAt) {
    }

    record DatabaseSummary(String id, String projectId, String host, int port, String name, String sslMode, String role,
                           java.time.Instant createdAt) {
    }

    /**
     * Deletes every live project of the organization (PgBeam projects and PlanetScale databases) as DeleteProject deletes
     * one, each recorded in its audit log as {@code operator}'s, in a transaction of its own; the projects refuse new
     * connections and every node drops the live ones. Returns how many it deleted: none when none is left.
     */
    int deleteProjectsOf(dev.tollgate.tenancy.api.Caller operator, UUID organizationId);

    /** When the data plane first served a statement of one of the organization's live projects (within what it keeps). */
    Optional<java.time.Instant> firstQueryAt(UUID organizationId);

    /** What the organization's data plane holds and served, for its overview (Centrali's {@code overview}). */
    OrganizationStatistics statistics(UUID organizationId, java.time.Instant recentSince, java.time.Instant todaySince);

    /**
     * Live projects (PgBeam projects and PlanetScale databases) and those created since {@code recentSince}; live
     * databases (registered upstreams and managed branches) and those created since {@code todaySince}; the query shapes
     * seen since {@code recentSince}; statements since {@code todaySince}, and those of them that got no complete reply.
     */
    record OrganizationStatistics(long projects, long projectsCreatedRecently, long databases, long databasesCreatedToday,
                                  long queryShapes, long queriesToday, long unansweredToday) {
    }
}

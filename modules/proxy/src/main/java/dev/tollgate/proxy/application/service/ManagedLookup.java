package dev.tollgate.proxy.application.service;

import dev.tollgate.platform.domain.NotFoundException;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.catalog.api.ClusterSizesApi;
import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.proxy.application.port.out.BranchLoginStore;
import dev.tollgate.proxy.application.port.out.BranchStore;
import dev.tollgate.proxy.application.port.out.ManagedDatabaseStore;
import dev.tollgate.proxy.application.port.out.ProjectStore;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.Branch;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.ManagedDatabase;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import dev.tollgate.tenancy.api.TenancyApi.OrganizationSummary;
import jakarta.inject.Singleton;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Finds what PlanetScale's paths name (an organization, a database by name, a branch by name, a credential by id) and
 * checks the caller's right in the organization first. What the caller may not see is not found, like what does not exist.
 */
@Singleton
class ManagedLookup {
    private final TenancyApi tenancy;
    private final ManagedDatabaseStore databases;
    private final ProjectStore projects;
    private final BranchStore branches;
    private final BranchLoginStore logins;
    private final RegionCatalog regions;
    private final ClusterSizesApi sizes;

    ManagedLookup(TenancyApi tenancy, ManagedDatabaseStore databases, ProjectStore projects, BranchStore branches, BranchLoginStore logins,
                  RegionCatalog regions, ClusterSizesApi sizes) {
        this.tenancy = tenancy;
        this.databases = databases;
        this.projects = projects;
        this.branches = branches;
        this.logins = logins;
        this.regions = regions;
        this.sizes = sizes;
    }

    record Target(OrganizationSummary organization, ManagedDatabase database, Project project) {
    }

    OrganizationSummary organization(Caller caller, String organization, Capability capability) {
        return tenancy.requireOrganization(caller, organization, capability);
    }

    Target database(Caller caller, String organization, String name, Capability capability) {
        OrganizationSummary org = organization(caller, organization, capability);
        ManagedDatabase database = databases.findByName(org.id(), name).orElseThrow(() -> NotFoundException.of("Database", name));
        Project project = projects.findById(database.projectId()).orElseThrow(() -> NotFoundException.of("Database", name));
        return new Target(org, database, project);
    }

    Branch branch(Target target, String name) {
        return branches.find(target.project().id(), name).orElseThrow(() -> NotFoundException.of("Branch", name));
    }

    BranchLogin login(Branch branch, BranchLogin.Kind kind, String id) {
        String prefix = kind == BranchLogin.Kind.PASSWORD ? "pw" : "role";
        UUID uuid;
        try {
            uuid = TypeId.parse(prefix, id);
        } catch (IllegalArgumentException notOurs) {
            throw NotFoundException.of("Password", id);
        }
        return logins.findById(uuid).filter(l -> l.branchId().equals(branch.id()) && l.kind() == kind)
                .orElseThrow(() -> NotFoundException.of("Password", id));
    }

    /** The region a view shows; one the configuration no longer lists is shown by its id. */
    Region region(String id) {
        return regions.all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseGet(() -> new Region(id, id, null, "unavailable", false, null, null));
    }

    /** A size from the catalog; {@code null} means {@code fallback}. */
    ClusterSizeInfo size(String field, String slug, String fallback) {
        String wanted = slug == null ? fallback : slug;
        return sizes.clusterSize(wanted).orElseThrow(() -> new ValidationException(field, "must be one of " + sizes.clusterSizes().stream()
                        .map(ClusterSizeInfo::slug).collect(Collectors.joining(", "))));
    }
}

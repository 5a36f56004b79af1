package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's proxied PostgreSQL service (PgBeam's project, PlanetScale's database): its own proxy host name, client
 * allowlist and limits, and one or more registered upstream databases. Deleting is soft: the project keeps its row
 * with status {@code deleted} and stops accepting connections.
 */
public final class Project {
    public static final int MAX_CIDRS = 50;
    public static final int MAX_TAGS = 10;
    private static final Set<String> CLOUDS = Set.of("aws", "azure", "gcp");

    private final UUID id;
    private final UUID organizationId;
    private String name;
    private String description;
    private ProjectStatus status;
    private final String cloud;
    private final String proxyHost;
    private List<CidrEntry> allowedCidrs;
    private List<String> tags;
    private final int maxConnections;
    private final int queriesPerSecond;
    private final int burstSize;
    private final Instant createdAt;
    private Instant updatedAt;

    public Project(UUID id, UUID organizationId, String name, String description, ProjectStatus status, String cloud,
                   String proxyHost, List<CidrEntry> allowedCidrs, List<String> tags, int maxConnections, int queriesPerSecond,
                   int burstSize, Instant createdAt, Instant updatedAt) {
        this.id = id;
        this.organizationId = organizationId;
        this.name = name;
        this.description = description;
        this.status = status;
        this.cloud = cloud;
        this.proxyHost = proxyHost;
        this.allowedCidrs = List.copyOf(allowedCidrs);
        this.tags = List.copyOf(tags);
        this.maxConnections = maxConnections;
        this.queriesPerSecond = queriesPerSecond;
        this.burstSize = burstSize;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
    }

    /**
     * A new active project. Its proxy host is {@code <id suffix>.<cloud>.<proxyDomain>}: DNS names cannot hold the
     * underscore of the {@code prj_} id.
     */
    public static Project create(UUID organizationId, String name, String description, List<String> tags, String cloud,
                                 String proxyDomain, ProjectLimits limits, Instant now) {
        String chosenCloud = cloud == null ? "aws" : cloud;
        if (!CLOUDS.contains(chosenCloud)) {
            throw new ValidationException("cloud", "must be one of aws, azure, gcp");
        }
        UUID id = TypeId.newUuid();
        String host = TypeId.format("prj", id).substring(4) + "." + chosenCloud + "." + proxyDomain;
        return new Project(id, organizationId, checkName(name), checkDescription(description), ProjectStatus.ACTIVE,
                chosenCloud, host, List.of(), checkTags(tags), limits.maxConnections(), limits.queriesPerSecond(),
                limits.burstSize(), now, now);
    }

    public void rename(String newName, Instant now) {
        this.name = checkName(newName);
        this.updatedAt = now;
    }

    public void describe(String newDescription, Instant now) {
        this.description = checkDescription(newDescription);
        this.updatedAt = now;
    }

    public void retag(List<String> newTags, Instant now) {
        this.tags = checkTags(newTags);
        this.updatedAt = now;
    }

    public void allow(List<CidrEntry> cidrs, Instant now) {
        if (cidrs.size() > MAX_CIDRS) {
            throw new ValidationException("allowed_cidrs", "must have at most " + MAX_CIDRS + " entries");
        }
        this.allowedCidrs = List.copyOf(cidrs);
        this.updatedAt = now;
    }

    /** Active and suspended switch freely; deletion only through {@link #delete}, and a deleted project stays deleted. */
    public void changeStatus(ProjectStatus newStatus, Instant now) {
        if (status == ProjectStatus.DELETED) {
            throw new ValidationException("status", "a deleted project cannot change status");
        }
        if (newStatus == ProjectStatus.DELETED) {
            throw new ValidationException("status", "use DELETE /v1/projects/{project_id} to delete a project");
        }
        this.status = newStatus;
        this.updatedAt = now;
    }

    public void delete(Instant now) {
        this.status = ProjectStatus.DELETED;
        this.updatedAt = now;
    }

    public boolean isDeleted() {
        return status == ProjectStatus.DELETED;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("name", "is required");
        }
        return Limits.text("name", name.strip(), 1, 100, true);
    }

    private static String checkDescription(String description) {
        return description == null ? null : Limits.text("description", description, 0, 500, true);
    }

    private static List<String> checkTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new ValidationException("tags", "must have at most " + MAX_TAGS + " entries");
        }
        for (int i = 0; i < tags.size(); i++) {
            Limits.text("tags[" + i + "]", tags.get(i), 1, 50, true);
        }
        return List.copyOf(tags);
    }

    public UUID id() { return id; }
    public String publicId() { return TypeId.format("prj", id); }
    public UUID organizationId() { return organizationId; }
    public String name() { return name; }
    public String description() { return description; }
    public ProjectStatus status() { return status; }
    public String cloud() { return cloud; }
    public String proxyHost() { return proxyHost; }
    public List<CidrEntry> allowedCidrs() { return allowedCidrs; }
    public List<String> tags() { return tags; }
    public int maxConnections() { return maxConnections; }
    public int queriesPerSecond() { return queriesPerSecond; }
    public int burstSize() { return burstSize; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
}

package dev.tollgate.proxy.domain;

import dev.tollgate.platform.domain.ValidationException;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * PlanetScale's database (ADR 0056): a project whose branches are databases Tollgate creates on a data cluster. It
 * shares its id with the project (the project carries the proxy host, allowlist and limits); this holds what PlanetScale
 * says of the database: its plan, size, region, default branch and workflow settings.
 */
public final class ManagedDatabase {
    /** PlanetScale's database names: lower-case letters, digits and dashes, as in a URL. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    public static final Set<String> PLANS = Set.of("hobby", "scaler", "scaler_pro");

    private final UUID projectId;
    private final UUID organizationId;
    private final String name;
    private final String dataCluster;
    private final String region;
    private final String plan;
    private String clusterSize;
    private final Instant createdAt;
    private Settings settings;
    private Instant updatedAt;
    private Instant deletedAt;

    /** What {@code updateDatabaseSettings} changes. */
    public record Settings(String defaultBranch, boolean productionBranchWebConsole, boolean insightsEnabled, String migrationFramework,
                           String migrationTableName, boolean requireApprovalForDeploy, boolean allowDataBranching) {
        public static Settings initial() {
            return new Settings(Branch.DEFAULT_NAME, false, true, null, null, false, false);
        }
    }

    public ManagedDatabase(UUID projectId, UUID organizationId, String name, String dataCluster, String region, String plan,
                           String clusterSize, Settings settings, Instant createdAt, Instant updatedAt, Instant deletedAt) {
        this.projectId = projectId;
        this.organizationId = organizationId;
        this.name = name;
        this.dataCluster = dataCluster;
        this.region = region;
        this.plan = plan;
        this.clusterSize = clusterSize;
        this.settings = settings;
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.deletedAt = deletedAt;
    }

    public static String checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        if (!NAME.matcher(name).matches()) {
            throw new ValidationException(field, "must be 1 to 63 lower-case letters, digits or dashes, starting with a letter or digit");
        }
        return name;
    }

    public static String checkPlan(String plan) {
        if (plan == null) {
            return "hobby";
        }
        if (!PLANS.contains(plan)) {
            throw new ValidationException("plan", "must be one of hobby, scaler, scaler_pro");
        }
        return plan;
    }

    public void change(Settings newSettings, Instant now) {
        if (newSettings.migrationFramework() != null) {
            Limits.text("migration_framework", newSettings.migrationFramework(), 0, 100, false);
        }
        if (newSettings.migrationTableName() != null) {
            Limits.text("migration_table_name", newSettings.migrationTableName(), 0, 63, false);
        }
        this.settings = newSettings;
        this.updatedAt = now;
    }

    /** The production branch's new size, which is the database's. */
    public void resize(String newSize, Instant now) {
        this.clusterSize = newSize;
        this.updatedAt = now;
    }

    public void delete(Instant now) {
        this.deletedAt = now;
        this.updatedAt = now;
    }

    public UUID projectId() { return projectId; }
    public UUID organizationId() { return organizationId; }
    public String name() { return name; }
    public String dataCluster() { return dataCluster; }
    public String region() { return region; }
    public String plan() { return plan; }
    public String clusterSize() { return clusterSize; }
    public Settings settings() { return settings; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant deletedAt() { return deletedAt; }
}

package dev.tollgate.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** The environment variables read before the application context exists (see README, "Configuration"). */
record Settings(String databaseUrl, String databaseUser, String databasePassword, Path dataDir,
                String adminEmail, String adminPassword, String adminApiKey, String internalSecret, String masterKey,
                String embeddedDatabasePort, boolean embeddedDataCluster) {

    static Settings fromEnvironment(Map<String, String> env) {
        return new Settings(
                blankToNull(env.get("TOLLGATE_DATABASE_URL")),
                env.getOrDefault("TOLLGATE_DATABASE_USER", "postgres"),
                env.getOrDefault("TOLLGATE_DATABASE_PASSWORD", ""),
                Path.of(env.getOrDefault("TOLLGATE_DATA_DIR", ".tollgate")).toAbsolutePath(),
                blankToNull(env.get("TOLLGATE_ADMIN_EMAIL")),
                blankToNull(env.get("TOLLGATE_ADMIN_PASSWORD")),
                blankToNull(env.get("TOLLGATE_ADMIN_API_KEY")),
                blankToNull(env.get("TOLLGATE_INTERNAL_SECRET")),
                blankToNull(env.get("TOLLGATE_MASTER_KEY")),
                blankToNull(env.get("TOLLGATE_EMBEDDED_DB_PORT")),
                embeddedDataCluster(env));
    }

    /**
     * Whether to run the default data cluster (ADR 0054): unless the operator configured one
     * ({@code TOLLGATE_DATA_CLUSTERS_<NAME>_HOST}) or turned it off ({@code TOLLGATE_EMBEDDED_DATA_CLUSTER=0}).
     */
    private static boolean embeddedDataCluster(Map<String, String> env) {
        boolean configured = env.keySet().stream().anyMatch(k -> k.startsWith("TOLLGATE_DATA_CLUSTERS_") && k.endsWith("_HOST"));
        return !configured && !"0".equals(env.get("TOLLGATE_EMBEDDED_DATA_CLUSTER"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

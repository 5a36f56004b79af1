package dev.tollgate.proxy.domain;

/**
 * A PostgreSQL server Tollgate administers for managed databases (ADR 0054): the operator configures one per region
 * with an administrative login; the proxy dials it as the upstream of the databases it holds. Never the control-plane
 * server.
 *
 * @param adminDatabase the database an administrative session starts in (CREATE DATABASE runs there)
 * @param binDir        where the cluster's client programs ({@code pg_dump}, {@code pg_restore}) are, of its own major
 *                      version or newer; null: found on the {@code PATH} (ADR 0072)
 */
public record DataCluster(String name, String region, String host, int port, String adminUser, String adminPassword,
                          String adminDatabase, String binDir) {
    public DataCluster(String name, String region, String host, int port, String adminUser, String adminPassword, String adminDatabase) {
        this(name, region, host, port, adminUser, adminPassword, adminDatabase, null);
    }

    @Override
    public String toString() {
        return "DataCluster[" + name + " in " + region + " at " + host + ":" + port + "]"; // never the password
    }
}

package dev.tollgate.proxy.domain;

/**
 * A PostgreSQL server Tollgate administers for managed databases (ADR 0054): the operator configures one per region
 * with an administrative login; the proxy dials it as the upstream of the databases it holds. Never the control-plane
 * server.
 *
 * @param adminDatabase the database an administrative session starts in (CREATE DATABASE runs there)
 */
public record DataCluster(String name, String region, String host, int port, String adminUser, String adminPassword,
                          String adminDatabase) {
    @Override
    public String toString() {
        return "DataCluster[" + name + " in " + region + " at " + host + ":" + port + "]"; // never the password
    }
}

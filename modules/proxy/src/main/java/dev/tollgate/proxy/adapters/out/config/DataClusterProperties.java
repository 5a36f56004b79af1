package dev.tollgate.proxy.adapters.out.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;

/**
 * One {@code tollgate.data-clusters.<name>} block: {@code region} (default {@code tollgate.region}), {@code host},
 * {@code port} (5432), {@code admin-user} (postgres), {@code admin-password}, {@code admin-database} (postgres),
 * {@code bin-dir} (where its {@code pg_dump} and {@code pg_restore} are; default: the {@code PATH}).
 */
@EachProperty("tollgate.data-clusters")
final class DataClusterProperties {
    private final String name;
    private String region;
    private String host;
    private int port = 5432;
    private String adminUser = "postgres";
    private String adminPassword;
    private String adminDatabase = "postgres";
    private String binDir;

    DataClusterProperties(@Parameter String name) {
        this.name = name;
    }

    String getName() {
        return name;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getAdminUser() {
        return adminUser;
    }

    public void setAdminUser(String adminUser) {
        this.adminUser = adminUser;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public String getAdminDatabase() {
        return adminDatabase;
    }

    public void setAdminDatabase(String adminDatabase) {
        this.adminDatabase = adminDatabase;
    }

    public String getBinDir() {
        return binDir;
    }

    public void setBinDir(String binDir) {
        this.binDir = binDir;
    }
}

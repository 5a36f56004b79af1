package dev.tollgate.proxy.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The proxy's part of a workspace export: projects (deleted ones too, with their status), their upstream databases
 * with pool and cache settings, replicas, custom domains and per-query cache rules. An upstream's password is never
 * read (it stays sealed in its column), nor a domain's verification token.
 */
@Singleton
class JdbcProxyExportSource implements WorkspaceExportSource {
    private static final List<String> RESOURCES = List.of("projects", "databases", "replicas", "custom_domains", "cache_rules");
    /** The organization's databases, for the resources that hang off them. */
    private static final String DATABASES_OF = "SELECT d.id FROM proxy.databases d JOIN proxy.projects p ON p.id = d.project_id "
            + "WHERE p.organization_id = ?";
    private final JdbcOperations jdbc;

    JdbcProxyExportSource(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String section() {
        return "proxy";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "projects" -> each("SELECT id, name, description, lower(status) AS status, cloud, proxy_host, allowed_cidrs, tags, "
                    + "max_connections, queries_per_second, burst_size, created_at, updated_at FROM proxy.projects WHERE organization_id = ? "
                    + "ORDER BY created_at, id", organizationId, r -> record("id", TypeId.format("prj", uuid(r, "id")), "name", r.getString("name"),
                    "description", r.getString("description"), "status", r.getString("status"), "cloud", r.getString("cloud"),
                    "proxyHost", r.getString("proxy_host"), "allowedCidrs", Sql.strings(r.getArray("allowed_cidrs")),
                    "tags", Sql.strings(r.getArray("tags")), "maxConnections", r.getInt("max_connections"),
                    "queriesPerSecond", r.getInt("queries_per_second"), "burstSize", r.getInt("burst_size"),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            case "databases" -> each("SELECT d.id, d.project_id, d.host, d.port, d.name, d.username, d.ssl_mode, d.role, d.pool_size, "
                    + "d.min_pool_size, d.max_active, d.pool_mode, d.cache_enabled, d.cache_ttl_seconds, d.cache_max_entries, "
                    + "d.cache_swr_seconds, d.pool_region, d.query_timeout_ms, d.auto_read_routing, d.created_at, d.updated_at "
                    + "FROM proxy.databases d JOIN proxy.projects p ON p.id = d.project_id WHERE p.organization_id = ? "
                    + "ORDER BY d.created_at, d.id", organizationId, r -> record("id", TypeId.format("db", uuid(r, "id")),
                    "projectId", TypeId.format("prj", uuid(r, "project_id")), "host", r.getString("host"), "port", r.getInt("port"),
                    "name", r.getString("name"), "username", r.getString("username"), "sslMode", r.getString("ssl_mode"),
                    "role", r.getString("role"), "poolSize", r.getInt("pool_size"), "minPoolSize", r.getInt("min_pool_size"),
                    "maxActive", r.getInt("max_active"), "poolMode", r.getString("pool_mode"), "cacheEnabled", r.getBoolean("cache_enabled"),
                    "cacheTtlSeconds", r.getInt("cache_ttl_seconds"), "cacheMaxEntries", r.getInt("cache_max_entries"),
                    "cacheSwrSeconds", r.getInt("cache_swr_seconds"), "poolRegion", r.getString("pool_region"),
                    "queryTimeoutMs", r.getInt("query_timeout_ms"), "autoReadRouting", r.getBoolean("auto_read_routing"),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            case "replicas" -> each("SELECT id, database_id, host, port, ssl_mode, created_at, updated_at FROM proxy.replicas "
                    + "WHERE database_id IN (" + DATABASES_OF + ") ORDER BY created_at, id", organizationId, r -> record(
                    "id", TypeId.format("rep", uuid(r, "id")), "databaseId", TypeId.format("db", uuid(r, "database_id")),
                    "host", r.getString("host"), "port", r.getInt("port"), "sslMode", r.getString("ssl_mode"),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            case "custom_domains" -> each("SELECT c.id, c.project_id, c.domain, c.verified_at, c.tls_cert_expiry, c.created_at, c.updated_at "
                    + "FROM proxy.custom_domains c JOIN proxy.projects p ON p.id = c.project_id WHERE p.organization_id = ? "
                    + "ORDER BY c.created_at, c.id", organizationId, r -> record("id", TypeId.format("dom", uuid(r, "id")),
                    "projectId", TypeId.format("prj", uuid(r, "project_id")), "domain", r.getString("domain"),
                    "verifiedAt", Sql.instant(r.getTimestamp("verified_at")), "tlsCertExpiry", Sql.instant(r.getTimestamp("tls_cert_expiry")),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            case "cache_rules" -> each("SELECT database_id, query_hash, cache_enabled, ttl_seconds, swr_seconds, updated_at FROM proxy.cache_rules "
                    + "WHERE database_id IN (" + DATABASES_OF + ") ORDER BY database_id, query_hash", organizationId, r -> record(
                    "databaseId", TypeId.format("db", uuid(r, "database_id")), "queryHash", r.getString("query_hash"),
                    "cacheEnabled", r.getBoolean("cache_enabled"), "ttlSeconds", r.getObject("ttl_seconds"),
                    "swrSeconds", r.getObject("swr_seconds"), "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            default -> throw new IllegalArgumentException("the proxy keeps no resource '" + resource + "'");
        }
    }

    private void each(String sql, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.query(jdbc, sql, List.of(organizationId), reader).forEach(sink);
    }

    private static UUID uuid(ResultSet r, String column) throws SQLException {
        return r.getObject(column, UUID.class);
    }
}

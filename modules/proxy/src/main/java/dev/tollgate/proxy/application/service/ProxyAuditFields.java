package dev.tollgate.proxy.application.service;

import static dev.tollgate.tenancy.api.AuditTrail.fields;

import dev.tollgate.proxy.domain.Bouncer;
import dev.tollgate.proxy.domain.BranchLogin;
import dev.tollgate.proxy.domain.CacheRule;
import dev.tollgate.proxy.domain.CidrEntry;
import dev.tollgate.proxy.domain.CustomDomain;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.Replica;
import java.util.Map;

/**
 * What the audit log keeps of the proxy's resources before and after a change: addresses, settings and names, never
 * a password (a database's sealed password and a branch login's are left out; that one changed shows as
 * {@code password_changed}).
 */
final class ProxyAuditFields {
    private ProxyAuditFields() {
    }

    static Map<String, Object> of(Project p) {
        return fields("name", p.name(), "description", p.description(), "status", p.status().wireName(), "tags", p.tags(),
                "allowed_cidrs", p.allowedCidrs().stream().map(CidrEntry::cidr).toList());
    }

    static Map<String, Object> of(Database d) {
        return fields("host", d.host(), "port", d.port(), "name", d.name(), "username", d.username(), "ssl_mode", d.sslMode().wireName(),
                "role", d.role().wireName(), "pool_size", d.poolConfig().poolSize(), "pool_mode", d.poolConfig().poolMode().wireName(),
                "cache_enabled", d.cacheConfig().enabled(), "cache_ttl_seconds", d.cacheConfig().ttlSeconds(), "pool_region", d.poolRegion(),
                "query_timeout_ms", d.queryTimeoutMs(), "auto_read_routing", d.autoReadRouting());
    }

    static Map<String, Object> of(dev.tollgate.proxy.domain.ManagedDatabase d) {
        var s = d.settings();
        return fields("name", d.name(), "plan", d.plan(), "cluster_size", d.clusterSize(), "region", d.region(), "default_branch",
                s.defaultBranch(), "production_branch_web_console", s.productionBranchWebConsole(), "insights_enabled", s.insightsEnabled(),
                "migration_framework", s.migrationFramework(), "migration_table_name", s.migrationTableName(),
                "require_approval_for_deploy", s.requireApprovalForDeploy(), "allow_data_branching", s.allowDataBranching());
    }

    static Map<String, Object> of(dev.tollgate.proxy.domain.Branch b) {
        return fields("name", b.name(), "parent_branch", b.parentBranch(), "production", b.production(), "cluster_size", b.clusterSize());
    }

    static Map<String, Object> of(Replica r) {
        return fields("host", r.host(), "port", r.port(), "ssl_mode", r.sslMode().wireName());
    }

    static Map<String, Object> of(CustomDomain d) {
        return fields("domain", d.domain(), "verified_at", d.verifiedAt());
    }

    static Map<String, Object> of(CacheRule r) {
        return fields("query_hash", r.queryHash(), "cache_enabled", r.cacheEnabled(), "ttl_seconds", r.ttlSeconds(), "swr_seconds",
                r.swrSeconds());
    }

    static Map<String, Object> of(Bouncer b) {
        return fields("name", b.name(), "pool_size", b.poolSize(), "pool_mode", b.poolMode().wireName());
    }

    static Map<String, Object> of(BranchLogin l) {
        return fields("name", l.name(), "kind", l.kind(), "role", l.access(), "username", l.username(), "ttl_seconds", l.ttlSeconds(),
                "expires_at", l.expiresAt());
    }
}

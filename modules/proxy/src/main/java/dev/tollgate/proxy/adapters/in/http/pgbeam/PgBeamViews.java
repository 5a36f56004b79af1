package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.application.port.in.ManageProjectsUseCase.ProjectView;
import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.PoolConfig;
import dev.tollgate.proxy.domain.Project;
import dev.tollgate.proxy.domain.Region;
import dev.tollgate.proxy.domain.Replica;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** PgBeam's response shapes for projects, databases, replicas and regions. */
final class PgBeamViews {
    private PgBeamViews() {
    }

    @Serdeable
    record CidrView(String cidr, @Nullable String label) {
    }

    @Serdeable
    record ProjectResponse(String id, String org_id, String name, @Nullable String description, String status, String cloud,
                           String proxy_host, List<CidrView> allowed_cidrs, List<String> tags, int database_count,
                           int active_connections, int max_connections, int queries_per_second, int burst_size,
                           Instant created_at, Instant updated_at) {
        static ProjectResponse of(ProjectView view) {
            Project p = view.project();
            return new ProjectResponse(p.publicId(), TypeId.format("org", p.organizationId()), p.name(), p.description(),
                    p.status().wireName(), p.cloud(), p.proxyHost(),
                    p.allowedCidrs().stream().map(c -> new CidrView(c.cidr(), c.label())).toList(), p.tags(),
                    view.databaseCount(), view.activeConnections(), view.limits().maxConnections(), view.limits().queriesPerSecond(), view.limits().burstSize(),
                    p.createdAt(), p.updatedAt());
        }
    }

    @Serdeable
    record PoolConfigView(int pool_size, int min_pool_size, int max_active, String pool_mode) {
        static PoolConfigView of(PoolConfig c) {
            return new PoolConfigView(c.poolSize(), c.minPoolSize(), c.maxActive(), c.poolMode().wireName());
        }
    }

    @Serdeable
    record CacheConfigView(boolean enabled, int ttl_seconds, int max_entries, int swr_seconds) {
        static CacheConfigView of(CacheConfig c) {
            return new CacheConfigView(c.enabled(), c.ttlSeconds(), c.maxEntries(), c.swrSeconds());
        }
    }

    /** No password field: it is write-only and only its sealed form is stored. */
    @Serdeable
    record DatabaseResponse(String id, String project_id, String host, int port, String name, String username, String ssl_mode,
                            String role, PoolConfigView pool_config, CacheConfigView cache_config, String pool_region,
                            int query_timeout_ms, boolean auto_read_routing, String connection_string, Instant created_at,
                            Instant updated_at) {
        static DatabaseResponse of(Database d, Project project, int proxyPort) {
            return new DatabaseResponse(d.publicId(), project.publicId(), d.host(), d.port(), d.name(), d.username(),
                    d.sslMode().wireName(), d.role().wireName(), PoolConfigView.of(d.poolConfig()), CacheConfigView.of(d.cacheConfig()),
                    d.poolRegion(), d.queryTimeoutMs(), d.autoReadRouting(), d.connectionString(project.proxyHost(), proxyPort),
                    d.createdAt(), d.updatedAt());
        }
    }

    @Serdeable
    record ReplicaResponse(String id, String database_id, String host, int port, String ssl_mode, Instant created_at,
                           Instant updated_at) {
        static ReplicaResponse of(Replica r) {
            return new ReplicaResponse(r.publicId(), TypeId.format("db", r.databaseId()), r.host(), r.port(), r.sslMode().wireName(),
                    r.createdAt(), r.updatedAt());
        }
    }

    @Serdeable
    record RegionResponse(String id, String name, String provider, String status, boolean available, @Nullable String continent,
                          @Nullable String country) {
        static RegionResponse of(Region r) {
            return new RegionResponse(r.id(), r.name(), r.provider(), r.status(), r.available(), r.continent(), r.country());
        }
    }
}

package dev.tollgate.proxy.adapters.in.http.pgbeam;

import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.DatabaseSpec;
import dev.tollgate.proxy.domain.PoolConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** PgBeam's request bodies; every field nullable so that missing ones get a precise validation message. */
final class PgBeamRequests {
    private PgBeamRequests() {
    }

    /**
     * PgBeam's PoolConfig and CacheConfig are whole objects: a client sends every required field (the document's
     * defaults describe a database created without the object at all), so a partial one is refused, field by field.
     */
    private static void requireAll(String object, Object... namesAndValues) {
        List<dev.tollgate.platform.domain.FieldError> missing = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] == null) {
                missing.add(new dev.tollgate.platform.domain.FieldError(object + "." + namesAndValues[i], "is required", "required"));
            }
        }
        if (!missing.isEmpty()) {
            throw new dev.tollgate.platform.domain.ValidationException(missing);
        }
    }

    @Serdeable
    record PoolConfigBody(@Nullable Integer pool_size, @Nullable Integer min_pool_size, @Nullable Integer max_active,
                          @Nullable String pool_mode) {
        PoolConfig toDomain() {
            requireAll("pool_config", "pool_size", pool_size, "min_pool_size", min_pool_size, "pool_mode", pool_mode);
            return PoolConfig.of(pool_size, min_pool_size, max_active, pool_mode);
        }
    }

    @Serdeable
    record CacheConfigBody(@Nullable Boolean enabled, @Nullable Integer ttl_seconds, @Nullable Integer max_entries,
                           @Nullable Integer swr_seconds) {
        CacheConfig toDomain() {
            requireAll("cache_config", "enabled", enabled, "ttl_seconds", ttl_seconds, "max_entries", max_entries,
                    "swr_seconds", swr_seconds);
            return CacheConfig.of(enabled, ttl_seconds, max_entries, swr_seconds);
        }
    }

    @Serdeable
    record DatabaseBody(@Nullable String host, @Nullable Integer port, @Nullable String name, @Nullable String username,
                        @Nullable String password, @Nullable String ssl_mode, @Nullable String role,
                        @Nullable PoolConfigBody pool_config, @Nullable CacheConfigBody cache_config, @Nullable String pool_region,
                        @Nullable Integer query_timeout_ms, @Nullable Boolean auto_read_routing) {
        DatabaseSpec toSpec() {
            return DatabaseSpec.of(host, port, name, username, password, ssl_mode, role,
                    pool_config == null ? null : pool_config.toDomain(), cache_config == null ? null : cache_config.toDomain(),
                    pool_region, query_timeout_ms, auto_read_routing);
        }
    }

    @Serdeable
    record CreateProjectBody(@Nullable String name, @Nullable String org_id, @Nullable DatabaseBody database,
                             @Nullable String description, @Nullable List<String> tags, @Nullable String cloud) {
    }

    @Serdeable
    record CidrBody(@Nullable String cidr, @Nullable String label) {
    }

    @Serdeable
    record UpdateProjectBody(@Nullable String name, @Nullable String description, @Nullable List<String> tags,
                             @Nullable List<CidrBody> allowed_cidrs, @Nullable String status) {
    }

    @Serdeable
    record CreateReplicaBody(@Nullable String host, @Nullable Integer port, @Nullable String ssl_mode) {
    }
}

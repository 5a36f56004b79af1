package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.proxy.application.port.out.DatabaseStore;
import dev.tollgate.proxy.domain.CacheConfig;
import dev.tollgate.proxy.domain.Database;
import dev.tollgate.proxy.domain.DatabaseRole;
import dev.tollgate.proxy.domain.PoolConfig;
import dev.tollgate.proxy.domain.PoolMode;
import dev.tollgate.proxy.domain.Replica;
import dev.tollgate.proxy.domain.SslMode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcDatabaseStore implements DatabaseStore {
    private final DatabaseRowRepository rows;
    private final ReplicaRowRepository replicas;

    JdbcDatabaseStore(DatabaseRowRepository rows, ReplicaRowRepository replicas) {
        this.rows = rows;
        this.replicas = replicas;
    }

    @Override
    public void save(Database d) {
        PoolConfig pool = d.poolConfig();
        CacheConfig cache = d.cacheConfig();
        DatabaseRow row = new DatabaseRow(d.id(), d.projectId(), d.host(), d.port(), d.name(), d.username(), d.sealedPassword(),
                d.sslMode().name(), d.role().name(), pool.poolSize(), pool.minPoolSize(), pool.maxActive(), pool.poolMode().name(),
                cache.enabled(), cache.ttlSeconds(), cache.maxEntries(), cache.swrSeconds(), d.poolRegion(), d.queryTimeoutMs(),
                d.autoReadRouting(), d.createdAt(), d.updatedAt(), d.deletedAt());
        Rows.upsert(rows, d.id(), row);
    }

    @Override
    public Optional<Database> findById(UUID id) {
        return rows.findByIdAndDeletedAtIsNull(id).map(JdbcDatabaseStore::toDomain);
    }

    @Override
    public Optional<Database> findByName(UUID projectId, String name) {
        return rows.findLiveByName(projectId, name).map(JdbcDatabaseStore::toDomain);
    }

    @Override
    public Page<Database> list(UUID projectId, PageRequest page) {
        return new Page<>(rows.page(projectId, page.limit(), page.offset()).stream().map(JdbcDatabaseStore::toDomain).toList(),
                rows.countByProjectIdAndDeletedAtIsNull(projectId), page);
    }

    @Override
    public int count(UUID projectId) {
        return rows.countByProjectIdAndDeletedAtIsNull(projectId);
    }

    @Override
    public void deleteAllOf(UUID projectId, Instant now) {
        rows.softDeleteAllOf(projectId, now);
    }

    @Override
    public void saveReplica(Replica r) {
        replicas.save(new ReplicaRow(r.id(), r.databaseId(), r.host(), r.port(), r.sslMode().name(), r.createdAt(), r.updatedAt()));
    }

    @Override
    public List<Replica> replicas(UUID databaseId) {
        return replicas.findByDatabaseIdOrderByCreatedAt(databaseId).stream().map(JdbcDatabaseStore::toDomain).toList();
    }

    @Override
    public Optional<Replica> findReplica(UUID databaseId, UUID replicaId) {
        return replicas.findByIdAndDatabaseId(replicaId, databaseId).map(JdbcDatabaseStore::toDomain);
    }

    @Override
    public void deleteReplica(UUID replicaId) {
        replicas.deleteById(replicaId);
    }

    private static Database toDomain(DatabaseRow r) {
        return new Database(r.id(), r.projectId(), r.host(), r.port(), r.name(), r.username(), r.sealedPassword(),
                SslMode.valueOf(r.sslMode()), DatabaseRole.valueOf(r.role()),
                new PoolConfig(r.poolSize(), r.minPoolSize(), r.maxActive(), PoolMode.valueOf(r.poolMode())),
                new CacheConfig(r.cacheEnabled(), r.cacheTtlSeconds(), r.cacheMaxEntries(), r.cacheSwrSeconds()),
                r.poolRegion(), r.queryTimeoutMs(), r.autoReadRouting(), r.createdAt(), r.updatedAt(), r.deletedAt());
    }

    private static Replica toDomain(ReplicaRow r) {
        return new Replica(r.id(), r.databaseId(), r.host(), r.port(), SslMode.valueOf(r.sslMode()), r.createdAt(), r.updatedAt());
    }
}

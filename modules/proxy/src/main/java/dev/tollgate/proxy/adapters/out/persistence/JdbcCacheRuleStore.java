package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.proxy.application.port.out.CacheRuleStore;
import dev.tollgate.proxy.domain.CacheRule;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** {@code proxy.cache_rules}, explicit JDBC: an upsert per choice, and reads by database (ADR 0061). */
@Singleton
final class JdbcCacheRuleStore implements CacheRuleStore {
    private final JdbcOperations jdbc;

    JdbcCacheRuleStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(CacheRule rule) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("""
                INSERT INTO proxy.cache_rules (database_id, query_hash, cache_enabled, ttl_seconds, swr_seconds, updated_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (database_id, query_hash) DO UPDATE SET cache_enabled = EXCLUDED.cache_enabled,
                ttl_seconds = EXCLUDED.ttl_seconds, swr_seconds = EXCLUDED.swr_seconds, updated_at = EXCLUDED.updated_at""")) {
            s.setObject(1, rule.databaseId());
            s.setString(2, rule.queryHash());
            s.setBoolean(3, rule.cacheEnabled());
            s.setObject(4, rule.ttlSeconds());
            s.setObject(5, rule.swrSeconds());
            s.setTimestamp(6, Timestamp.from(rule.updatedAt()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not save the cache rule " + rule.queryHash(), e);
        }
    }

    @Override
    public Map<String, CacheRule> rules(UUID databaseId, Collection<String> hashes) {
        return read(databaseId, hashes.toArray(String[]::new));
    }

    @Override
    public Map<String, CacheRule> rules(UUID databaseId) {
        return read(databaseId, null);
    }

    private Map<String, CacheRule> read(UUID databaseId, String[] hashes) {
        Connection connection = jdbc.getConnection();
        try (PreparedStatement s = connection.prepareStatement("SELECT query_hash, cache_enabled, ttl_seconds, swr_seconds, updated_at "
                + "FROM proxy.cache_rules WHERE database_id = ? AND (?::text[] IS NULL OR query_hash = ANY(?))")) {
            s.setObject(1, databaseId);
            java.sql.Array array = hashes == null ? null : connection.createArrayOf("text", hashes);
            s.setArray(2, array);
            s.setArray(3, array);
            Map<String, CacheRule> found = new HashMap<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), new CacheRule(databaseId, r.getString(1), r.getBoolean(2), (Integer) r.getObject(3),
                            (Integer) r.getObject(4), r.getTimestamp(5).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the cache rules of database " + databaseId, e);
        }
    }
}

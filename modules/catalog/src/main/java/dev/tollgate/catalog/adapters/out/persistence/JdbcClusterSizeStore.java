package dev.tollgate.catalog.adapters.out.persistence;

import dev.tollgate.catalog.application.port.out.ClusterSizeStore;
import dev.tollgate.catalog.domain.ClusterSize;
import dev.tollgate.platform.persistence.Sql;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code catalog.cluster_sizes}, seeded by migration V6; read as a whole (a handful of rows). */
@Singleton
final class JdbcClusterSizeStore implements ClusterSizeStore {
    private final JdbcOperations jdbc;

    JdbcClusterSizeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ClusterSize> all() {
        return Sql.query(jdbc, "SELECT slug, display_name, vcpus, memory_gb, storage_gb, engine, max_connections, pool_size"
                + " FROM catalog.cluster_sizes ORDER BY position", List.of(),
                rs -> new ClusterSize(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getString(6), rs.getInt(7), rs.getInt(8)));
    }
}

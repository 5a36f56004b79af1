package dev.tollgate.catalog.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The cluster size SKUs managed databases are sold in (ADR 0055). */
public interface ClusterSizesApi {
    /** Smallest first. */
    List<ClusterSizeInfo> clusterSizes();

    default Optional<ClusterSizeInfo> clusterSize(String slug) {
        return clusterSizes().stream().filter(s -> s.slug().equals(slug)).findFirst();
    }

    /** What PlanetScale shows of a size, and what Tollgate enforces with it (client connections, pool size). */
    record ClusterSizeInfo(String slug, String displayName, BigDecimal vcpus, BigDecimal memoryGb, BigDecimal storageGb, String engine,
                           int maxConnections, int poolSize) {
    }
}

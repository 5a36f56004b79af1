package dev.tollgate.catalog.api;

import java.math.BigDecimal;
import java.util.List;

/** The cluster size SKUs managed databases are sold in (ADR 0055). */
public interface ClusterSizesApi {
    /** Smallest first. */
    List<ClusterSizeInfo> clusterSizes();

    /** The size with this slug, if there is one. */
    default java.util.Optional<ClusterSizeInfo> clusterSize(String slug) {
        return clusterSizes().stream().filter(s -> s.slug().equals(slug)).findFirst();
    }

    /** What PlanetScale shows of a size, and what Tollgate enforces with it (client connections, pool size). */
    record ClusterSizeInfo(String slug, String displayName, BigDecimal vcpus, BigDecimal memoryGb, BigDecimal storageGb, String engine,
                           int maxConnections, int poolSize) {
    }
}

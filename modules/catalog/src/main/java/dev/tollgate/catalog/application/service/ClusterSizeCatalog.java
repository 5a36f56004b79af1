package dev.tollgate.catalog.application.service;

import dev.tollgate.catalog.api.ClusterSizesApi;
import dev.tollgate.catalog.application.port.out.ClusterSizeStore;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/** The cluster sizes as other modules see them. */
@Singleton
class ClusterSizeCatalog implements ClusterSizesApi {
    private final ClusterSizeStore sizes;

    ClusterSizeCatalog(ClusterSizeStore sizes) {
        this.sizes = sizes;
    }

    @Override
    @Transactional(readOnly = true)
    public List<ClusterSizeInfo> clusterSizes() {
        return sizes.all().stream().map(s -> new ClusterSizeInfo(s.slug(), s.displayName(), s.vcpus(), s.memoryGb(), s.storageGb(),
                s.engine(), s.maxConnections(), s.poolSize())).toList();
    }
}

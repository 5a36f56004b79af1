package dev.tollgate.proxy.adapters.out.config;

import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.proxy.domain.DataCluster;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;

/** The configured data clusters, checked at start: a block without a host is a configuration error, not a silent skip. */
@Singleton
final class ConfiguredDataClusters implements DataClusters {
    private final List<DataCluster> clusters;

    ConfiguredDataClusters(List<DataClusterProperties> configured, @Value("${tollgate.region:local}") String localRegion) {
        this.clusters = configured.stream().sorted(Comparator.comparing(DataClusterProperties::getName)).map(p -> {
            if (p.getHost() == null || p.getHost().isBlank()) {
                throw new IllegalStateException("tollgate.data-clusters." + p.getName() + ".host is not set");
            }
            return new DataCluster(p.getName(), p.getRegion() == null ? localRegion : p.getRegion(), p.getHost().strip(), p.getPort(),
                    p.getAdminUser(), p.getAdminPassword(), p.getAdminDatabase(),
                    p.getBinDir() == null || p.getBinDir().isBlank() ? null : p.getBinDir().strip());
        }).toList();
    }

    @Override
    public List<DataCluster> all() {
        return clusters;
    }
}

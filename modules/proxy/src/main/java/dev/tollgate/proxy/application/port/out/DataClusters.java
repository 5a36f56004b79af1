package dev.tollgate.proxy.application.port.out;

import dev.tollgate.proxy.domain.DataCluster;
import java.util.List;
import java.util.Optional;

/** The data clusters the operator configured ({@code tollgate.data-clusters.<name>.*}; ADR 0054). */
public interface DataClusters {
    List<DataCluster> all();

    /** The cluster configured under {@code name}; empty when this node has no such cluster (any more). */
    default Optional<DataCluster> named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The cluster that holds managed databases of {@code region}; empty when none does. */
    default Optional<DataCluster> inRegion(String region) {
        return all().stream().filter(c -> c.region().equals(region)).findFirst();
    }
}

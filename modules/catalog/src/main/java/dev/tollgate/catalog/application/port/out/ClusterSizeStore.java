package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.ClusterSize;
import java.util.List;

/** The cluster sizes, smallest first. */
public interface ClusterSizeStore {
    List<ClusterSize> all();
}

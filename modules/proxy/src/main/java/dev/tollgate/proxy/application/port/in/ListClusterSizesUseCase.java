package dev.tollgate.proxy.application.port.in;

import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** PlanetScale's cluster-size SKUs, for an organization the caller may read projects of (ADR 0055). */
public interface ListClusterSizesUseCase {
    List<ClusterSizeInfo> clusterSizes(Caller caller, String organization);
}

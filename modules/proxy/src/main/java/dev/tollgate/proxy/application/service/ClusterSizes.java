package dev.tollgate.proxy.application.service;

import dev.tollgate.catalog.api.ClusterSizesApi;
import dev.tollgate.catalog.api.ClusterSizesApi.ClusterSizeInfo;
import dev.tollgate.proxy.application.port.in.ListClusterSizesUseCase;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.TenancyApi;
import dev.tollgate.tenancy.api.TenancyApi.Capability;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Every organization may choose any size today; "available in the specified organization" leaves room for sizes a
 * tier grants, which would narrow this list.
 */
@Singleton
class ClusterSizes implements ListClusterSizesUseCase {
    private final ClusterSizesApi catalog;
    private final TenancyApi tenancy;

    ClusterSizes(ClusterSizesApi catalog, TenancyApi tenancy) {
        this.catalog = catalog;
        this.tenancy = tenancy;
    }

    @Override
    public List<ClusterSizeInfo> clusterSizes(Caller caller, String organization) {
        tenancy.requireOrganization(caller, organization, Capability.READ_PROJECTS);
        return catalog.clusterSizes();
    }
}

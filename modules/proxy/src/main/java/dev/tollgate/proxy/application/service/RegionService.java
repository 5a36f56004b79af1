package dev.tollgate.proxy.application.service;

import dev.tollgate.proxy.application.port.in.ListRegionsUseCase;
import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.Region;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
class RegionService implements ListRegionsUseCase {
    private final RegionCatalog catalog;

    RegionService(RegionCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<Region> regions() {
        return catalog.all();
    }
}

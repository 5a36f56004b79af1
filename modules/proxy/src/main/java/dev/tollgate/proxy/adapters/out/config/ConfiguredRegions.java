package dev.tollgate.proxy.adapters.out.config;

import dev.tollgate.proxy.application.port.out.RegionCatalog;
import dev.tollgate.proxy.domain.Region;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The regions from {@code tollgate.regions} ("id:name:provider", comma-separated; by default just this node's); the one
 * this node runs
 * ({@code tollgate.region}) is active and available, the others are listed as inactive until a node serves them.
 */
@Singleton
final class ConfiguredRegions implements RegionCatalog {
    private final List<Region> regions;
    private final String local;

    ConfiguredRegions(@Value("${tollgate.region:local}") String local,
                      @Value("${tollgate.regions:}") String configured) {
        List<Region> all = new ArrayList<>();
        String entries = configured.isBlank() ? local + ":Local data plane:aws" : configured;
        for (String entry : entries.split(",")) {
            String[] parts = entry.strip().split(":");
            String id = parts[0];
            boolean here = id.equals(local);
            all.add(new Region(id, parts.length > 1 ? parts[1] : id, parts.length > 2 ? parts[2] : "aws",
                    here ? "active" : "inactive", here, null, null));
        }
        this.regions = List.copyOf(all);
        this.local = local;
    }

    @Override
    public List<Region> all() {
        return regions;
    }

    @Override
    public String local() {
        return local;
    }
}

package dev.tollgate.bootstrap;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.metering.api.spi.CostedFeatures;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Metering costs a feature's usage; the feature (its meter, filters and unit cost) is catalog's. */
@Singleton
final class CatalogCostedFeatures implements CostedFeatures {
    private final CatalogApi catalog;

    CatalogCostedFeatures(CatalogApi catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<CostedFeature> find(UUID namespace, String featureIdOrKey) {
        return catalog.findFeature(namespace, featureIdOrKey).filter(f -> !f.archived())
                .map(f -> new CostedFeature(f.key(), f.meterSlug(), f.filters(), f.unitCost()));
    }
}

package dev.tollgate.bootstrap;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.metering.api.spi.MeterUsers;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Metering asks who uses a meter; the features that do are catalog's, and only the deployable holds both. */
@Singleton
final class CatalogMeterUsers implements MeterUsers {
    private final CatalogApi catalog;

    CatalogMeterUsers(CatalogApi catalog) {
        this.catalog = catalog;
    }

    @Override
    public List<FeatureUse> activeFeatures(UUID namespace, String meterSlug) {
        return catalog.activeFeaturesOfMeter(namespace, meterSlug).stream()
                .map(f -> new FeatureUse(f.key(), f.filteredGroupByKeys())).toList();
    }
}

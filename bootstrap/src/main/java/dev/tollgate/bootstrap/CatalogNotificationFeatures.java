package dev.tollgate.bootstrap;

import dev.tollgate.catalog.api.CatalogApi;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.webhooks.api.spi.NotificationFeatures;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** OpenMeter's notification rules name features, which are the catalog's; only the deployable holds both. */
@Singleton
final class CatalogNotificationFeatures implements NotificationFeatures {
    private final CatalogApi catalog;

    CatalogNotificationFeatures(CatalogApi catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<FeatureRef> find(UUID namespace, String idOrKey) {
        return catalog.findFeature(namespace, idOrKey).map(f -> new FeatureRef(Ulid.of(f.id()), f.key()));
    }
}

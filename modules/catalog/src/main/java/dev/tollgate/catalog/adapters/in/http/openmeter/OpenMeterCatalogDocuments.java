package dev.tollgate.catalog.adapters.in.http.openmeter;

import dev.tollgate.catalog.api.CatalogDocuments;
import dev.tollgate.catalog.application.port.in.ManageFeaturesUseCase;
import dev.tollgate.platform.domain.JsonSyntax;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A feature written by {@link FeaturesController}'s view, so an embedded feature is the one {@code getFeature} shows. */
@Singleton
final class OpenMeterCatalogDocuments implements CatalogDocuments {
    private final ManageFeaturesUseCase features;
    private final JsonSyntax json;

    OpenMeterCatalogDocuments(ManageFeaturesUseCase features, JsonSyntax json) {
        this.features = features;
        this.json = json;
    }

    @Override
    public Optional<Map<String, Object>> openMeterFeature(UUID namespace, UUID featureId) {
        return features.find(namespace, featureId).map(f -> json.document(FeaturesController.FeatureView.of(f)));
    }
}

package dev.tollgate.metering.adapters.out.standalone;

import dev.tollgate.metering.application.port.out.CostedFeatures;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** Metering on its own (its module tests): there is no catalog, so there are no features to cost. */
@Singleton
@Secondary
final class NoCostedFeatures implements CostedFeatures {
    @Override
    public Optional<CostedFeature> find(UUID namespace, String featureIdOrKey) {
        return Optional.empty();
    }
}

package dev.tollgate.metering.adapters.out.standalone;

import dev.tollgate.metering.application.port.out.MeterUsers;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Metering on its own (its module tests): there is no catalog, so no feature uses a meter. The deployable's
 * implementation, which asks catalog, takes precedence.
 */
@Singleton
@Secondary
final class NoMeterUsers implements MeterUsers {
    @Override
    public List<FeatureUse> activeFeatures(UUID namespace, String meterSlug) {
        return List.of();
    }
}

package dev.tollgate.bootstrap;

import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.catalog.api.spi.MeterDirectory.Meter;
import dev.tollgate.metering.api.MeteringApi;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * Catalog's view of the meters, answered by metering. Catalog may not depend on metering (metering comes later in the
 * module graph), so the deployable that holds both connects them here.
 */
@Singleton
final class MeteringMeterDirectory implements MeterDirectory {
    private final MeteringApi metering;

    MeteringMeterDirectory(MeteringApi metering) {
        this.metering = metering;
    }

    @Override
    public Optional<Meter> find(UUID namespace, String meterSlug) {
        return metering.findMeter(namespace, meterSlug).map(m -> new Meter(m.slug(), m.aggregation(), m.groupByKeys()));
    }
}

package dev.tollgate.catalog.api.spi;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The meters of a namespace, as features need them. Catalog may not depend on metering (docs/architecture.md): the
 * deployable implements this over metering's published API.
 */
public interface MeterDirectory {
    Optional<Meter> find(UUID namespace, String meterSlug);

    /** What a feature needs to know of the meter it tracks: its aggregation and the keys it can be grouped by. */
    record Meter(String slug, String aggregation, Set<String> groupByKeys) {
    }
}

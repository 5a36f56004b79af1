package dev.tollgate.catalog.application.port.out;

import dev.tollgate.catalog.domain.MeterReference;
import java.util.Optional;
import java.util.UUID;

/**
 * The meters of a namespace, as features need them. Catalog may not depend on metering (docs/architecture.md): the
 * application's bootstrap implements this over metering's published API.
 */
public interface MeterDirectory {
    Optional<MeterReference> find(UUID namespace, String meterSlug);
}

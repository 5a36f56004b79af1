package dev.tollgate.archfixtures.bootstrap;

import dev.tollgate.archfixtures.catalog.api.CatalogApi;
import dev.tollgate.archfixtures.tenancy.api.spi.SeatLimitsPort;

/** Allowed: bootstrap fulfils a module's published port over another module's api. */
final class SeatLimitsBridge implements SeatLimitsPort {
    CatalogApi catalog;

    @Override
    public int includedSeats(String organizationId) {
        return 0;
    }
}

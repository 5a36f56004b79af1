package dev.tollgate.metering.adapters.out.config;

import dev.tollgate.metering.application.port.out.IngestionQuotas;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The node's default ingestion quota for every namespace ({@code tollgate.metering.ingest.events-per-second} and
 * {@code …burst}). The assembled application prefers one that reads each organization's entitlements first and falls
 * back on this bean (named {@link IngestionQuotas#NODE_DEFAULT}); on its own (metering's tests) the default holds, so
 * no build runs unlimited.
 */
@Singleton
@Secondary
@Named(IngestionQuotas.NODE_DEFAULT)
final class ConfiguredIngestionQuotas implements IngestionQuotas {
    private final Quota quota;

    ConfiguredIngestionQuotas(@Value("${tollgate.metering.ingest.events-per-second:1000}") long perSecond,
                              @Value("${tollgate.metering.ingest.burst:10000}") long burst) {
        this.quota = new Quota(perSecond, burst);
    }

    @Override
    public Quota of(UUID namespace) {
        return quota;
    }
}

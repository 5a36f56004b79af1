package dev.tollgate.metering.adapters.out.config;

import dev.tollgate.metering.application.port.out.PortalSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code tollgate.metering.portal-token-ttl}, 24 hours unless configured. */
@Singleton
final class ConfiguredPortalSettings implements PortalSettings {
    private final Duration ttl;

    ConfiguredPortalSettings(@Value("${tollgate.metering.portal-token-ttl:24h}") Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public Duration tokenTtl() {
        return ttl;
    }
}

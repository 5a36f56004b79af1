package dev.tollgate.tenancy.adapters.out.config;

import dev.tollgate.tenancy.application.port.out.ExportSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code tollgate.exports.link-lifetime}: how long an export's download link works (default 24 hours). */
@Singleton
final class ConfiguredExportSettings implements ExportSettings {
    private final Duration linkLifetime;

    ConfiguredExportSettings(@Value("${tollgate.exports.link-lifetime:24h}") Duration linkLifetime) {
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("tollgate.exports.link-lifetime must be positive, not " + linkLifetime);
        }
        this.linkLifetime = linkLifetime;
    }

    @Override
    public Duration linkLifetime() {
        return linkLifetime;
    }
}

package dev.tollgate.proxy.adapters.out.config;

import dev.tollgate.proxy.application.port.out.BackupRetention;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/** {@code tollgate.backups.retention} (7 days). */
@Singleton
final class ConfiguredBackupRetention implements BackupRetention {
    private final Duration retention;

    ConfiguredBackupRetention(@Value("${tollgate.backups.retention:7d}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("tollgate.backups.retention must be positive");
        }
        this.retention = retention;
    }

    @Override
    public Duration retention() {
        return retention;
    }
}

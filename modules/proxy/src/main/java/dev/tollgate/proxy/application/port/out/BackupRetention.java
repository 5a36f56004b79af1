package dev.tollgate.proxy.application.port.out;

import java.time.Duration;

/**
 * How long a branch backup is kept (ADR 0072): {@code tollgate.backups.retention}, 7 days unless configured. Tollgate's
 * tiers carry no backup retention of their own yet; when they do, this port answers per organization.
 */
public interface BackupRetention {
    Duration retention();
}

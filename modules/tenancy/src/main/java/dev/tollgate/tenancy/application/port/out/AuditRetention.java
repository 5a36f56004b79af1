package dev.tollgate.tenancy.application.port.out;

import java.time.Duration;
import java.util.Map;

/**
 * How long each tier keeps its organizations' audit entries ({@code tollgate.audit.retention.tiers.<tier>}, e.g. {@code 30d});
 * {@code fallback} for tiers not named and for organizations that no longer exist.
 */
public interface AuditRetention {
    Map<String, Duration> perTier();

    Duration fallback();
}

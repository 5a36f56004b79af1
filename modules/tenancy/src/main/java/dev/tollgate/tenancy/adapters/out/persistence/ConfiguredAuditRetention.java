package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.tenancy.application.port.out.AuditRetention;
import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code tollgate.audit.retention.tiers.<tier>} and {@code .fallback}: how long per tier, defaults starter 30, pro 90, scale 365, enterprise 730, anything
 * else ({@code fallback}) 365. A longer tier keeps more; moving to a shorter tier lets the next purge drop the excess.
 */
@ConfigurationProperties("tollgate.audit.retention")
final class ConfiguredAuditRetention implements AuditRetention {
    private Map<String, Duration> tiers = new LinkedHashMap<>(Map.of("starter", Duration.ofDays(30), "pro", Duration.ofDays(90),
            "scale", Duration.ofDays(365), "enterprise", Duration.ofDays(730)));
    private Duration fallback = Duration.ofDays(365);

    public void setTiers(Map<String, Duration> tiers) {
        this.tiers = new LinkedHashMap<>(this.tiers);
        this.tiers.putAll(tiers);
    }

    public void setFallback(Duration fallback) {
        this.fallback = fallback;
    }

    @Override
    public Map<String, Duration> perTier() {
        return Map.copyOf(tiers);
    }

    @Override
    public Duration fallback() {
        return fallback;
    }
}

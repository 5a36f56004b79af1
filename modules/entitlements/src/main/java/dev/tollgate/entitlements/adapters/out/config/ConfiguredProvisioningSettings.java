package dev.tollgate.entitlements.adapters.out.config;

import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import dev.tollgate.platform.domain.TypeId;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tollgate.provisioning.partners}: a comma-separated list of {@code org_...} ids; none by default, so only the
 * operator provisions. Read from the environment at most once a second, so a refreshed configuration applies within a
 * second, without a restart.
 */
@Singleton
final class ConfiguredProvisioningSettings implements ProvisioningSettings {
    static final String PROPERTY = "tollgate.provisioning.partners";
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredProvisioningSettings.class);
    private final Environment environment;
    private final String initialTier;
    /** How long a read of the setting is reused: checks ask on every request. */
    static final long REREAD_MILLIS = 1000;
    private volatile Parsed parsed = new Parsed("", Set.of(), 0);

    private record Parsed(String text, Set<UUID> ids, long readAt) {
    }

    ConfiguredProvisioningSettings(Environment environment, @Value("${tollgate.tiers.initial:starter}") String initialTier) {
        this.environment = environment;
        this.initialTier = initialTier;
    }

    @Override
    public Set<UUID> partners() {
        Parsed current = parsed;
        long now = System.currentTimeMillis();
        if (now - current.readAt() >= REREAD_MILLIS) {
            String text = environment.getProperty(PROPERTY, String.class).orElse("");
            current = new Parsed(text, text.equals(current.text()) ? current.ids() : parse(text), now);
            parsed = current;
        }
        return current.ids();
    }

    private static Set<UUID> parse(String text) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (String name : Arrays.stream(text.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            try {
                ids.add(TypeId.parse("org", name));
            } catch (IllegalArgumentException notAnId) {
                LOG.warn("{}: '{}' is not an organization id (org_...); ignored", PROPERTY, name);
            }
        }
        return Set.copyOf(ids);
    }

    @Override
    public String initialTier() {
        return initialTier;
    }
}

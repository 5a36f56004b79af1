package dev.tollgate.entitlements.adapters.out.config;

import dev.tollgate.entitlements.application.port.out.ProvisioningSettings;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code tollgate.provisioning.partners}: a comma-separated list; none by default, so only the operator provisions. */
@Singleton
final class ConfiguredProvisioningSettings implements ProvisioningSettings {
    private final Set<String> partners;
    private final String initialTier;

    ConfiguredProvisioningSettings(@Value("${tollgate.provisioning.partners:}") String partners,
                                   @Value("${tollgate.tiers.initial:starter}") String initialTier) {
        this.partners = Arrays.stream(partners.split(",")).map(String::strip).filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.initialTier = initialTier;
    }

    @Override
    public Set<String> partners() {
        return partners;
    }

    @Override
    public String initialTier() {
        return initialTier;
    }
}

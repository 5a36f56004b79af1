package dev.tollgate.entitlements.adapters.out.standalone;

import dev.tollgate.entitlements.application.port.out.OrganizationUsage;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.util.OptionalLong;
import java.util.UUID;

/** Entitlements on their own (module tests): nothing counts projects or seats here. The deployable's answer wins. */
@Singleton
@Secondary
final class NoOrganizationUsage implements OrganizationUsage {
    @Override
    public OptionalLong used(UUID organizationId, String featureKey) {
        return OptionalLong.empty();
    }
}

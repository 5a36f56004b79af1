package dev.tollgate.proxy.standalone;

import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.entitlements.api.spi.OrganizationUsage;
import dev.tollgate.metering.api.spi.CostedFeatures;
import dev.tollgate.metering.api.spi.IngestionQuotas;
import dev.tollgate.metering.api.spi.MeterUsers;
import dev.tollgate.tenancy.api.spi.SeatLimits;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The proxy's tests run the modules below it without the deployable's bridges between them (bootstrap joins those):
 * these stand-ins answer in their place, as the modules' own tests do. They exist only in tests: in the deployable a
 * missing bridge fails start-up.
 */
@Factory
class StandInBridges {
    @Singleton
    SeatLimits noSeatLimits() {
        return organizationPublicId -> 0;
    }

    @Singleton
    MeterDirectory noMeters() {
        return (namespace, meterSlug) -> Optional.empty();
    }

    @Singleton
    MeterUsers noMeterUsers() {
        return (namespace, meterSlug) -> List.of();
    }

    @Singleton
    CostedFeatures noCostedFeatures() {
        return (namespace, featureIdOrKey) -> Optional.empty();
    }

    /** Nothing counted here: the proxy's tests set the tier limits they need themselves. */
    @Singleton
    OrganizationUsage noOrganizationUsage() {
        return (organizationId, featureKey) -> OptionalLong.empty();
    }

    @Singleton
    IngestionQuotas unlimitedIngestion() {
        return namespace -> IngestionQuotas.Quota.UNLIMITED;
    }

    /** Without the deployable a new workspace has no services of other modules to be provisioned in. */
    @jakarta.inject.Singleton
    dev.tollgate.tenancy.api.spi.WorkspaceProvisioning noWorkspaceProvisioning() {
        return new dev.tollgate.tenancy.api.spi.WorkspaceProvisioning() {
            @Override
            public java.util.List<String> services() {
                return java.util.List.of();
            }

            @Override
            public void provision(String service, java.util.UUID organizationId, String organizationPublicId) {
            }
        };
    }

    /** Without the deployable there are no other modules' resources for an organization to leave behind. */
    @jakarta.inject.Singleton
    dev.tollgate.tenancy.api.spi.OrganizationResources noOrganizationResources() {
        return (operator, organizationId) -> {
        };
    }
}

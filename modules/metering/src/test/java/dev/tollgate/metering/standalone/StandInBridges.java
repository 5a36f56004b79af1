package dev.tollgate.metering.standalone;

import dev.tollgate.metering.api.spi.CostedFeatures;
import dev.tollgate.metering.api.spi.IngestionQuotas;
import dev.tollgate.metering.api.spi.MeterUsers;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Metering on its own (its module tests) has no catalog and no tiers: what the deployable's bridges answer, these
 * stand-ins answer here. They exist only in tests: in the deployable a missing bridge fails start-up.
 */
@Factory
class StandInBridges {
    /** No catalog, so no feature uses a meter. */
    @Singleton
    MeterUsers noMeterUsers() {
        return (namespace, meterSlug) -> List.of();
    }

    /** No catalog, so there are no features to cost. */
    @Singleton
    CostedFeatures noCostedFeatures() {
        return (namespace, featureIdOrKey) -> Optional.empty();
    }

    /** No tiers: every namespace gets the node's default, as the deployable gives one whose tier sets none. */
    @Singleton
    IngestionQuotas nodeDefaultQuotas(@Value("${tollgate.metering.ingest.events-per-second:1000}") long perSecond,
                                      @Value("${tollgate.metering.ingest.burst:10000}") long burst) {
        IngestionQuotas.Quota quota = new IngestionQuotas.Quota(perSecond, burst);
        return namespace -> quota;
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

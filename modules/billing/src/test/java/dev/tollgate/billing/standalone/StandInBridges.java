package dev.tollgate.billing.standalone;

import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.entitlements.api.spi.OrganizationUsage;
import dev.tollgate.metering.api.MeteringApi;
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
 * Billing with catalog, metering and entitlements but without the deployable (its module tests): what the deployable's bridges
 * answer, these stand-ins answer here, over the real modules where that is one line. They exist only in tests.
 */
@Factory
class StandInBridges {
    /** Catalog's view of metering's meters, as the deployable connects them. */
    @Singleton
    MeterDirectory meters(MeteringApi metering) {
        return (namespace, meterSlug) -> metering.findMeter(namespace, meterSlug)
                .map(m -> new MeterDirectory.Meter(m.slug(), m.aggregation(), m.groupByKeys()));
    }

    @Singleton
    MeterUsers noMeterUsers() {
        return (namespace, meterSlug) -> List.of();
    }

    @Singleton
    CostedFeatures noCostedFeatures() {
        return (namespace, featureIdOrKey) -> Optional.empty();
    }

    @Singleton
    IngestionQuotas generousQuotas() {
        IngestionQuotas.Quota quota = new IngestionQuotas.Quota(1000, 10000);
        return namespace -> quota;
    }

    /** No proxy: no usage counted by anyone else. */
    @Singleton
    OrganizationUsage noUsage() {
        return (organizationId, featureKey) -> OptionalLong.empty();
    }

    @Singleton
    SeatLimits noSeatLimits() {
        return organizationPublicId -> 0;
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

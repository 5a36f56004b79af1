package dev.tollgate.webhooks.standalone;

import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.entitlements.api.spi.OrganizationUsage;
import dev.tollgate.metering.api.spi.CostedFeatures;
import dev.tollgate.metering.api.spi.IngestionQuotas;
import dev.tollgate.metering.api.spi.MeterUsers;
import dev.tollgate.tenancy.api.spi.SeatLimits;
import dev.tollgate.webhooks.api.spi.EntitlementBalances;
import dev.tollgate.webhooks.api.spi.NotificationFeatures;
import dev.tollgate.webhooks.api.spi.NotificationInvoices;
import dev.tollgate.webhooks.api.spi.PlanetScaleDatabases;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Webhooks without the deployable (its module tests): what the deployable's bridges answer, these stand-ins answer
 * here. No features, balances, invoices or databases are known to them. They exist only in tests.
 */
@Factory
class StandInBridges {
    @Singleton
    NotificationFeatures noFeatures() {
        return (namespace, idOrKey) -> Optional.empty();
    }

    @Singleton
    EntitlementBalances noBalances() {
        return new EntitlementBalances() {
            @Override
            public List<Balance> balances(java.util.UUID namespace, java.util.Collection<java.util.UUID> featureIds, java.time.Instant now) {
                return List.of();
            }

            @Override
            public Optional<java.util.Map<String, Object>> notificationData(java.util.UUID namespace, java.util.UUID entitlementId,
                                                                            java.time.Instant at) {
                return Optional.empty();
            }
        };
    }

    @Singleton
    NotificationInvoices noInvoices() {
        return (namespace, invoiceId) -> Optional.empty();
    }

    @Singleton
    PlanetScaleDatabases noDatabases() {
        return (organizationId, database) -> Optional.empty();
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

    @Singleton
    IngestionQuotas generousQuotas() {
        IngestionQuotas.Quota quota = new IngestionQuotas.Quota(1000, 10000);
        return namespace -> quota;
    }

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

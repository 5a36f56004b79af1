package dev.tollgate.bootstrap;

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
import io.micronaut.context.BeanContext;
import io.micronaut.context.annotation.Context;
import java.util.List;

/**
 * Start-up fails unless every port a module asks the deployable to fulfil ({@code <module>.api.spi}) has its bridge.
 * Micronaut creates beans lazily, so without this a missing bridge would surface only on the first request that needs
 * it; and no module has a fallback of its own, so nothing can quietly turn a limit off. The bridges' definitions are
 * only counted here, not created: they are created, as every bean, when first used. {@code EveryPublishedPortIsBridgedTest}
 * keeps {@link #PORTS} complete.
 */
@Context
final class ModuleBridges {
    static final List<Class<?>> PORTS = List.of(SeatLimits.class, MeterDirectory.class, MeterUsers.class, CostedFeatures.class,
            IngestionQuotas.class, OrganizationUsage.class, PlanetScaleDatabases.class,
            NotificationFeatures.class, NotificationInvoices.class, EntitlementBalances.class,
            dev.tollgate.tenancy.api.spi.DataPlaneStatistics.class, dev.tollgate.tenancy.api.spi.DataPlaneRecords.class,
            dev.tollgate.tenancy.api.spi.WorkspaceProvisioning.class, dev.tollgate.tenancy.api.spi.OrganizationResources.class);

    ModuleBridges(BeanContext beans) {
        for (Class<?> port : PORTS) {
            if (beans.getBeanDefinitions(port).size() != 1) {
                throw new IllegalStateException("the deployable must bridge exactly one " + port.getSimpleName() + " (api.spi)");
            }
        }
    }
}

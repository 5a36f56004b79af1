package dev.tollgate.bootstrap;

import dev.tollgate.catalog.api.spi.MeterDirectory;
import dev.tollgate.entitlements.api.spi.OrganizationUsage;
import dev.tollgate.metering.api.spi.CostedFeatures;
import dev.tollgate.metering.api.spi.IngestionQuotas;
import dev.tollgate.metering.api.spi.MeterUsers;
import dev.tollgate.tenancy.api.spi.SeatLimits;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import java.util.List;

/**
 * Start-up fails unless every port a module asks the deployable to fulfil ({@code <module>.api.spi}) has its bridge.
 * Micronaut creates beans lazily, so without this a missing bridge would surface only on the first request that needs
 * it; and no module has a fallback of its own, so nothing can quietly turn a limit off. The bridges are only looked up
 * here, not created: they are created, as every bean, when first used. {@code EveryPublishedPortIsBridgedTest} keeps
 * this list complete.
 */
@Context
final class ModuleBridges {
    ModuleBridges(BeanProvider<SeatLimits> seatLimits, BeanProvider<MeterDirectory> meterDirectory,
                  BeanProvider<MeterUsers> meterUsers, BeanProvider<CostedFeatures> costedFeatures,
                  BeanProvider<IngestionQuotas> ingestionQuotas, BeanProvider<OrganizationUsage> organizationUsage) {
        List<BeanProvider<?>> bridges = List.of(seatLimits, meterDirectory, meterUsers, costedFeatures, ingestionQuotas,
                organizationUsage);
        List<String> ports = List.of("SeatLimits", "MeterDirectory", "MeterUsers", "CostedFeatures", "IngestionQuotas",
                "OrganizationUsage");
        for (int i = 0; i < bridges.size(); i++) {
            if (!bridges.get(i).isUnique()) {
                throw new IllegalStateException("the deployable must bridge exactly one " + ports.get(i) + " (api.spi)");
            }
        }
    }
}

package dev.tollgate.entitlements.adapters.out.outbox;

import dev.tollgate.entitlements.api.events.BoostChanged;
import dev.tollgate.entitlements.api.events.EntitlementReset;
import dev.tollgate.entitlements.api.events.FeatureLimitCrossed;
import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.entitlements.api.events.PackageChanged;
import dev.tollgate.entitlements.api.events.SpendThresholdReached;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The outbox stores entitlements' published events as JSON. The records in {@code api.events} stay free of framework
 * annotations (ArchUnit rule 4), so their serialization is declared here.
 */
@SerdeImport(LimitsChanged.class)
@SerdeImport(SpendThresholdReached.class)
@SerdeImport(FeatureLimitCrossed.class)
@SerdeImport(PackageChanged.class)
@SerdeImport(BoostChanged.class)
@SerdeImport(EntitlementReset.class)
final class PublishedEventsSerde {
    private PublishedEventsSerde() {
    }
}

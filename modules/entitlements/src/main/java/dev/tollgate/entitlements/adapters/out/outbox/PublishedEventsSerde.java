package dev.tollgate.entitlements.adapters.out.outbox;

import dev.tollgate.entitlements.api.events.LimitsChanged;
import dev.tollgate.entitlements.api.events.SpendThresholdReached;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The outbox stores entitlements' published events as JSON. The records in {@code api.events} stay free of framework
 * annotations (ArchUnit rule 4), so their serialization is declared here.
 */
@SerdeImport(LimitsChanged.class)
@SerdeImport(SpendThresholdReached.class)
final class PublishedEventsSerde {
    private PublishedEventsSerde() {
    }
}

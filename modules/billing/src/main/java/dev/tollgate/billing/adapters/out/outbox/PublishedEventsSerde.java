package dev.tollgate.billing.adapters.out.outbox;

import dev.tollgate.billing.api.events.SubscriptionCanceled;
import dev.tollgate.billing.api.events.SubscriptionChanged;
import dev.tollgate.billing.api.events.SubscriptionContinued;
import dev.tollgate.billing.api.events.SubscriptionCreated;
import dev.tollgate.billing.api.events.SubscriptionDeleted;
import dev.tollgate.billing.api.events.SubscriptionEdited;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The outbox stores billing's published events as JSON. The records in {@code api.events} stay free of framework
 * annotations (ArchUnit rule 4), so their serialization is declared here.
 */
@SerdeImport(SubscriptionCreated.class)
@SerdeImport(SubscriptionCanceled.class)
@SerdeImport(SubscriptionContinued.class)
@SerdeImport(SubscriptionDeleted.class)
@SerdeImport(SubscriptionChanged.class)
@SerdeImport(SubscriptionEdited.class)
final class PublishedEventsSerde {
    private PublishedEventsSerde() {
    }
}

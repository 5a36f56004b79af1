package dev.tollgate.proxy.adapters.out.outbox;

import dev.tollgate.proxy.api.events.BranchReady;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The outbox stores the proxy's published events as JSON. The records in {@code api.events} stay free of framework
 * annotations, so their serialization is declared here.
 */
@SerdeImport(BranchReady.class)
final class PublishedEventsSerde {
    private PublishedEventsSerde() {
    }
}

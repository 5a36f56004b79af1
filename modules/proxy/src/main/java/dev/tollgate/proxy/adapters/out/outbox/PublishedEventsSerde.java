package dev.tollgate.proxy.adapters.out.outbox;

import dev.tollgate.proxy.api.events.BranchReady;
import dev.tollgate.proxy.api.events.ProjectDeleted;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The outbox stores the proxy's published events as JSON. The records in {@code api.events} stay free of framework
 * annotations, so their serialization is declared here.
 */
@SerdeImport(BranchReady.class)
@SerdeImport(ProjectDeleted.class)
final class PublishedEventsSerde {
    private PublishedEventsSerde() {
    }
}

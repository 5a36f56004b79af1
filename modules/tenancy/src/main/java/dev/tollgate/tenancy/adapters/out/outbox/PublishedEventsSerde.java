package dev.tollgate.tenancy.adapters.out.outbox;

import dev.tollgate.tenancy.api.events.OrganizationCreated;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * The outbox stores tenancy's published events as JSON. The records in {@code api.events} stay free of framework
 * annotations (ArchUnit rule 4), so their serialization is declared here.
 */
@SerdeImport(OrganizationCreated.class)
@SerdeImport(dev.tollgate.tenancy.api.events.SupportIssueFiled.class)
final class PublishedEventsSerde {
    private PublishedEventsSerde() {
    }
}

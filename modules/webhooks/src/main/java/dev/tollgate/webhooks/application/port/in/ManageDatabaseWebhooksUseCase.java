package dev.tollgate.webhooks.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.webhooks.domain.Endpoint;
import java.util.List;

/** PlanetScale's webhooks of a database (a proxy project of the organization; ADR 0048): list and create. */
public interface ManageDatabaseWebhooksUseCase {
    /** "Each database can have up to 5 webhooks." */
    int MAX_PER_DATABASE = 5;

    record CreateCommand(String url, List<String> events, String secret) {
    }

    /** Oldest first; not paginated, as PlanetScale documents it. */
    List<Endpoint> list(Caller caller, String organization, String database);

    Endpoint create(Caller caller, String organization, String database, CreateCommand command);
}

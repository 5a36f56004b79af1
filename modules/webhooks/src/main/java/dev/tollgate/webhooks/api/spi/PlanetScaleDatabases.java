package dev.tollgate.webhooks.api.spi;

import java.util.Optional;
import java.util.UUID;

/**
 * What a PlanetScale {@code {database}} names in Tollgate: one of the organization's proxy projects, by its id or its
 * unique name. The projects are the proxy's, which webhooks may not depend on: the deployable bridges this over it.
 */
public interface PlanetScaleDatabases {
    /** The project's id ({@code prj_…}), the scope its webhooks are kept under; empty when no such project exists. */
    Optional<String> find(UUID organizationId, String database);
}

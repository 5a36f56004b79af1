package dev.tollgate.bootstrap;

import dev.tollgate.proxy.api.ProxyApi;
import dev.tollgate.webhooks.api.spi.PlanetScaleDatabases;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** PlanetScale's databases are the proxy's projects (ADR 0048); webhooks may not see the proxy, the deployable does. */
@Singleton
final class ProxyPlanetScaleDatabases implements PlanetScaleDatabases {
    private final ProxyApi proxy;

    ProxyPlanetScaleDatabases(ProxyApi proxy) {
        this.proxy = proxy;
    }

    @Override
    public Optional<String> find(UUID organizationId, String database) {
        return proxy.projectOf(organizationId, database);
    }
}

package dev.tollgate.testing;

import io.micronaut.test.support.TestPropertyProvider;
import java.util.Map;

/**
 * Implement this on a {@code @MicronautTest} class (with {@code @TestInstance(PER_CLASS)}) to run it against a
 * fresh database on the shared embedded PostgreSQL. Module migrations run when the data source starts. New
 * organizations start on the enterprise tier (no project or database limits) unless a test says otherwise, and
 * upstream databases may be on the loopback ({@link UpstreamPostgres}).
 */
public interface TestDatabase extends TestPropertyProvider {
    @Override
    default Map<String, String> getProperties() {
        return Map.of(
                "datasources.default.url", EmbeddedPostgresServer.freshDatabase(),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.maximum-pool-size", "8",
                // As bootstrap's application.yml: no request holds a control-plane connection longer than this.
                "datasources.default.connection-init-sql", "SET statement_timeout = '30s'",
                // Tests create projects freely; tests of plan limits put their organizations on a tier themselves.
                "tollgate.tiers.initial", "enterprise",
                // Upstreams are on this machine (UpstreamPostgres); the control-plane server stays refused all the same.
                "tollgate.proxy.allowed-upstreams", "127.0.0.0/8,::1/128");
    }
}

package dev.tollgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A second real PostgreSQL per test JVM, standing for tenants' upstream databases. It is deliberately not the server
 * that holds Tollgate's own (control-plane) databases: the proxy refuses to dial that one (see
 * {@code UpstreamDestinationPolicy}), exactly as it must refuse a tenant who names it. Tests allow loopback upstreams
 * ({@link TestDatabase}), as a developer's local setup does.
 */
public final class UpstreamPostgres {
    private static volatile EmbeddedPostgres server;

    private UpstreamPostgres() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            server = EmbeddedPostgresServer.startForThisJvm("upstream", 200);
        }
        return server;
    }

    public static int port() {
        return get().getPort();
    }
}

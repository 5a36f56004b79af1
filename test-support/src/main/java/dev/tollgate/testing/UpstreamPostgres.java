package dev.tollgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

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
            try {
                server = EmbeddedPostgres.builder().setServerConfig("max_connections", "200").start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded upstream PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; nothing left to clean up for
                }
            }));
        }
        return server;
    }

    public static int port() {
        return get().getPort();
    }
}

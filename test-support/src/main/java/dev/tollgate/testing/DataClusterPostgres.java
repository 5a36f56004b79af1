package dev.tollgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;

/**
 * A third real PostgreSQL per test JVM: the data cluster managed databases live on (ADR 0054). Separate from
 * {@link UpstreamPostgres}, because a configured data cluster is reserved from tenants' own upstreams, which tests aim at
 * that one. Started on first use.
 */
public final class DataClusterPostgres {
    private static volatile EmbeddedPostgres server;

    private DataClusterPostgres() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            server = EmbeddedPostgresServer.startForThisJvm("data-cluster", 200);
        }
        return server;
    }

    public static int port() {
        return get().getPort();
    }

    /** The configuration that makes it the node's data cluster {@code test}, in the node's region. */
    public static Map<String, String> properties() {
        return Map.of(
                "tollgate.data-clusters.test.host", "localhost",
                "tollgate.data-clusters.test.port", Integer.toString(port()),
                "tollgate.data-clusters.test.admin-user", "postgres",
                "tollgate.data-clusters.test.admin-password", "unused-with-trust");
    }
}

package dev.tollgate.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL per test JVM, started on first use and stopped when the JVM exits. Each test class gets
 * its own fresh database on it, so classes never see each other's rows.
 */
public final class EmbeddedPostgresServer {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private EmbeddedPostgresServer() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (server == null) {
            server = startForThisJvm("control-plane", 300);
        }
        return server;
    }

    /** A real PostgreSQL that lives as long as the test JVM (stopped by a shutdown hook). */
    static EmbeddedPostgres startForThisJvm(String role, int maxConnections) {
        EmbeddedPostgres started;
        try {
            // Explicit, because initdb sizes max_connections from what the host allows at that moment.
            started = EmbeddedPostgres.builder().setServerConfig("max_connections", Integer.toString(maxConnections)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded " + role + " PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM is exiting; nothing left to clean up for
            }
        }));
        return started;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String freshDatabase() {
        EmbeddedPostgres pg = get();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }
}

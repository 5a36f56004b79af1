package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded control-plane database trusts nobody: a generated password over SCRAM, on its own remembered port. */
class EmbeddedDatabaseTest {
    Path dataDir;

    @BeforeEach
    void createDataDir() throws Exception {
        dataDir = Files.createTempDirectory("tollgate-embedded");
    }

    @AfterEach
    void deleteDataDir() throws Exception {
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static Connection login(int port, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private int rememberedPort() throws Exception {
        return Integer.parseInt(Files.readString(dataDir.resolve("embedded-db-port")).strip());
    }

    @Test
    void aNewClusterNeedsTheGeneratedPasswordAndRemembersItsPort() throws Exception {
        int port;
        String password = null;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, null)) {
            port = rememberedPort();
            Path secret = dataDir.resolve("embedded-db-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            password = Files.readString(secret).strip();
            Map<String, Object> properties = db.dataSourceProperties();
            assertEquals(password, properties.get("datasources.default.password"));
            assertTrue(properties.get("datasources.default.url").toString().contains(":" + port + "/"));

            SQLException refused = assertThrows(SQLException.class, () -> login(port, null).close());
            assertEquals("08004", refused.getSQLState(), "no password, no login: " + refused.getMessage());
            assertEquals("28P01", assertThrows(SQLException.class, () -> login(port, "guess").close()).getSQLState());
            try (Connection c = login(port, password)) {
                assertTrue(c.isValid(2));
            }
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir, null)) {
            assertEquals(port, rememberedPort(), "the port stays the same across restarts, for psql and for operators");
            try (Connection c = login(port, password)) {
                assertTrue(c.isValid(2));
            }
        }
    }

    @Test
    void theDefaultDataClusterIsASeparateServerWithItsOwnPasswordAndPort() throws Exception {
        try (EmbeddedDatabase controlPlane = EmbeddedDatabase.start(dataDir, null);
             EmbeddedDatabase dataCluster = EmbeddedDatabase.start(dataDir, null, "data-cluster", "data-cluster")) {
            int clusterPort = Integer.parseInt(Files.readString(dataDir.resolve("data-cluster-port")).strip());
            assertTrue(clusterPort != rememberedPort(), "two servers, two ports");
            String password = Files.readString(dataDir.resolve("data-cluster-password")).strip();
            assertTrue(!password.equals(Files.readString(dataDir.resolve("embedded-db-password")).strip()), "two passwords");
            Map<String, Object> properties = dataCluster.dataClusterProperties("local");
            assertEquals(clusterPort, properties.get("tollgate.data-clusters.local.port"));
            assertEquals(password, properties.get("tollgate.data-clusters.local.admin-password"));
            assertEquals("28P01", assertThrows(SQLException.class, () -> login(clusterPort, "guess").close()).getSQLState());
            try (Connection c = login(clusterPort, password)) {
                assertTrue(c.isValid(2));
            }
            assertTrue(Files.exists(dataDir.resolve("data-cluster").resolve("postgresql.conf")));
        }
    }

    @Test
    void aServerLeftRunningByAKilledTollgateKeepsItsPort() throws Exception {
        // A SIGKILLed Tollgate leaves its PostgreSQL running (a separate process) on the remembered port. Starting again
        // must keep that port, where the directory's own server answers: another port would mean a second server on a
        // directory the first one holds, which PostgreSQL refuses (the data cluster then could not start at all).
        try (EmbeddedDatabase running = EmbeddedDatabase.start(dataDir, null, "data-cluster", "data-cluster")) {
            Path remembered = dataDir.resolve("data-cluster-port");
            int port = Integer.parseInt(Files.readString(remembered).strip());
            assertEquals(port, EmbeddedDatabase.port(remembered, null, dataDir.resolve("data-cluster")), "its own server holds it");
            Path copy = Files.copy(remembered, dataDir.resolve("other-port"));
            assertTrue(port != EmbeddedDatabase.port(copy, null, dataDir.resolve("postgres")), "another process holds it: moved");
        }
    }

    @Test
    void anOperatorsDataClusterOrAnExplicitNoReplacesTheEmbeddedOne() {
        assertTrue(Settings.fromEnvironment(Map.of()).embeddedDataCluster());
        assertTrue(!Settings.fromEnvironment(Map.of("TOLLGATE_DATA_CLUSTERS_EU_HOST", "db.example.com")).embeddedDataCluster());
        assertTrue(!Settings.fromEnvironment(Map.of("TOLLGATE_EMBEDDED_DATA_CLUSTER", "0")).embeddedDataCluster());
    }

    @Test
    void aClusterMadeWhenLocalLoginsWereTrustedIsSwitchedToPasswords() throws Exception {
        Path cluster = dataDir.resolve("postgres");
        Files.createDirectories(cluster);
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(cluster).setCleanDataDirectory(false).start();
             Connection c = login(old.getPort(), null)) {
            assertTrue(c.isValid(2), "the library's default trusts local logins");
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir, null)) {
            int port = rememberedPort();
            assertThrows(SQLException.class, () -> login(port, null).close());
            try (Connection c = login(port, Files.readString(dataDir.resolve("embedded-db-password")).strip())) {
                assertTrue(c.isValid(2));
            }
        }
    }
}

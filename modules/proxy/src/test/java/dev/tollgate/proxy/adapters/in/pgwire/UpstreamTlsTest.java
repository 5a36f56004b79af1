package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.netty.handler.ssl.util.SelfSignedCertificate;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database's {@code ssl_mode} on the upstream side: an embedded PostgreSQL of this class's own serves TLS with a
 * self-signed certificate (the shared upstream is never reconfigured under other tests); {@code require} encrypts,
 * {@code verify-full} refuses the untrusted certificate.
 */
@MicronautTest(transactional = false)
class UpstreamTlsTest extends HttpTest {
    static final String PASSWORD = "tls-upstream-secret";
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;
    Path certificateDir;
    EmbeddedPostgres upstream;

    @BeforeAll
    @SuppressWarnings("deprecation")
    void enableTlsOnTheUpstream() throws Exception {
        SelfSignedCertificate certificate = new SelfSignedCertificate("localhost");
        certificateDir = Files.createTempDirectory("tollgate-upstream-tls");
        Path cert = Files.copy(certificate.certificate().toPath(), certificateDir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        Path key = Files.copy(certificate.privateKey().toPath(), certificateDir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        certificate.delete();
        upstream = EmbeddedPostgres.builder().setServerConfig("ssl", "on").setServerConfig("ssl_cert_file", cert.toString())
                .setServerConfig("ssl_key_file", key.toString()).setServerConfig("max_connections", "30").start();
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"tls-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    @AfterAll
    void disableTls() throws Exception {
        upstream.close();
        try (var files = Files.list(certificateDir)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(certificateDir);
    }

    private Connection connect(String sslMode) throws SQLException {
        String projectId = http.post("/v1/projects", """
                {"name":"tls","org_id":"%s","database":{"host":"localhost","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"%s"}}""".formatted(orgId, upstream.getPort(), PASSWORD, sslMode),
                "Authorization", "Bearer " + token).expect(201).json().get("project").get("id").asText();
        Properties p = new Properties();
        p.setProperty("user", "postgres." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }

    @Test
    void requireEncryptsTheUpstreamConnection() throws Exception {
        for (String mode : new String[] {"require", "prefer"}) {
            try (Connection c = connect(mode); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1), "ssl_mode " + mode + " uses TLS when the server offers it");
            }
        }
        try (Connection c = connect("disable"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next());
            assertEquals(false, rs.getBoolean(1));
        }
    }

    @Test
    void verifyFullRefusesAnUntrustedCertificate() {
        SQLException refused = assertThrows(SQLException.class, () -> connect("verify-full").close());
        assertEquals("08006", refused.getSQLState());
        assertTrue(refused.getMessage().contains("TLS with the upstream failed"), refused.getMessage());
    }
}

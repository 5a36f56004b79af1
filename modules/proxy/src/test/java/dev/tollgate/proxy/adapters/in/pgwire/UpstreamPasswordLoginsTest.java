package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postgresql.util.PSQLException;

/**
 * The proxy's upstream logins against a real PostgreSQL that checks passwords ({@link PasswordUpstream}): SCRAM-SHA-256,
 * md5 and cleartext each log in (the server itself says which method it ran), a wrong stored password reaches the
 * client as the server's own 28P01, and test-connection is ok only when the login really succeeds.
 */
@MicronautTest(transactional = false)
class UpstreamPasswordLoginsTest extends HttpTest {
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;

    @BeforeAll
    void signUp() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"upstream-pw-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    /** Registers the password upstream as {@code user} with {@code password}; returns the project and database ids. */
    private String[] register(String user, String password, String sslMode) {
        JsonNode created = http.post("/v1/projects", """
                {"name":"pw","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"%s",
                 "password":"%s","ssl_mode":"%s"}}""".formatted(orgId, PasswordUpstream.port(), user, password, sslMode),
                "Authorization", "Bearer " + token).expect(201).json();
        return new String[] {created.get("project").get("id").asText(), created.get("database").get("id").asText()};
    }

    /** Through the proxy as {@code user}; the client's password is the registered one, as for every project. */
    private Connection connect(String projectId, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user + "." + projectId);
        p.setProperty("password", password);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }

    private JsonNode testConnection(String[] ids) {
        return http.post("/v1/projects/" + ids[0] + "/databases/" + ids[1] + "/test-connection", null, "Authorization", "Bearer " + token)
                .expect(200).json();
    }

    private static String upstreamServerVersion() throws SQLException {
        try (Connection c = PasswordUpstream.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @ParameterizedTest
    @CsvSource({"scram_user, scram-sha-256", "md5_user, md5", "cleartext_user, password"})
    void eachUpstreamMethodLogsInThroughTheProxy(String user, String method) throws Exception {
        String[] ids = register(user, PasswordUpstream.PASSWORD, "disable");
        for (int i = 0; i < 2; i++) { // the second login reuses the pool's server, or (SCRAM) its remembered salted password
            try (Connection c = connect(ids[0], user, PasswordUpstream.PASSWORD); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user, system_user")) {
                rs.next();
                assertEquals(user, rs.getString(1));
                assertEquals(method + ":" + user, rs.getString(2), "the upstream's own record of how the proxy logged in");
            }
        }
        JsonNode ok = testConnection(ids);
        assertTrue(ok.get("ok").asBoolean(), ok.toString());
        assertEquals(upstreamServerVersion(), ok.get("server_version").asText());
    }

    @ParameterizedTest
    @CsvSource({"scram_user", "md5_user", "cleartext_user"})
    void aWrongStoredPasswordReachesTheClientAsTheUpstreamsOwnRefusal(String user) {
        String wrong = "not-the-upstream-password";
        String[] ids = register(user, wrong, "disable");
        PSQLException refused = assertThrows(PSQLException.class, () -> connect(ids[0], user, wrong).close());
        assertEquals("28P01", refused.getSQLState());
        assertEquals("FATAL", refused.getServerErrorMessage().getSeverity());
        assertEquals("password authentication failed for user \"" + user + "\"", refused.getServerErrorMessage().getMessage());

        JsonNode failed = testConnection(ids);
        assertFalse(failed.get("ok").asBoolean(), failed.toString());
        assertEquals("authentication failed for user \"" + user + "\" (SQLSTATE 28P01)", failed.get("error").asText());
    }

    @ParameterizedTest
    @CsvSource({"md5_user, MD5", "cleartext_user, clear text"})
    void aRealServerAskingForMd5OrCleartextOverUnverifiedTlsGetsNoPassword(String user, String asked) {
        // The embedded server has no TLS: with "prefer" the connection is plain, and the server's name was never proved.
        String[] ids = register(user, PasswordUpstream.PASSWORD, "prefer");
        PSQLException refused = assertThrows(PSQLException.class, () -> connect(ids[0], user, PasswordUpstream.PASSWORD).close());
        assertEquals("28000", refused.getSQLState());
        assertTrue(refused.getServerErrorMessage().getMessage().startsWith("the upstream asks for the password in " + asked
                + " over a connection whose server certificate was not verified"), refused.getMessage());
        JsonNode failed = testConnection(ids);
        assertFalse(failed.get("ok").asBoolean(), failed.toString());
        assertTrue(failed.get("error").asText().contains("clear text or MD5"), failed.toString());
    }
}

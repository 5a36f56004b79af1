package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an anonymous client or a hostile upstream can hold: pending logins are bounded and time out, strangers do not
 * count against max_connections, messages before login are small, and an upstream can neither demand unbounded key
 * derivation, nor skip SCRAM, nor get a password over an unverified connection, nor stall a pool's login.
 */
@MicronautTest(transactional = false)
class PgWireHardeningTest extends HttpTest {
    static final String PASSWORD = "hardened-secret";
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;
    String projectId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.client-login-timeout", "3s");
        properties.put("tollgate.proxy.server-login-timeout", "1s");
        properties.put("tollgate.proxy.max-pending-logins-per-address", "6");
        properties.put("tollgate.proxy.default-max-connections", "2");
        properties.put("tollgate.proxy.max-message-size", "100000");
        properties.put("tollgate.proxy.client-idle-timeout", "1s");
        return properties;
    }

    @BeforeAll
    void registerProject() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"hard-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
        projectId = project(UpstreamPostgres.port(), "disable");
    }

    private String project(int port, String sslMode) {
        return http.post("/v1/projects", """
                {"name":"hard","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"%s"}}""".formatted(orgId, port, PASSWORD, sslMode), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String project) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + project);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }

    private RawPgClient startedLogin() throws IOException {
        RawPgClient client = new RawPgClient(proxy.port()).startup(Map.of("user", "postgres." + projectId, "database", "postgres"));
        assertEquals('R', client.read().type(), "the proxy asks for SASL");
        return client;
    }

    @Test
    void aClientThatNeverAuthenticatesIsDisconnected() throws Exception {
        try (RawPgClient silent = new RawPgClient(proxy.port())) {
            RawPgClient.Message error = silent.read();
            assertEquals('E', error.type());
            assertEquals("08P01", error.field('C'));
            assertTrue(error.field('M').contains("authentication timed out"), error.field('M'));
            assertTrue(silent.closedByPeer());
        }
    }

    @Test
    void strangersDoNotCountAgainstMaxConnectionsButPendingLoginsAreBounded() throws Exception {
        List<RawPgClient> strangers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                strangers.add(startedLogin()); // more than max_connections (2), none authenticated
            }
            for (int i = 0; i < 2; i++) {
                strangers.add(new RawPgClient(proxy.port()));
            }
            // Six pending from this address: the seventh is refused at once.
            try (RawPgClient seventh = new RawPgClient(proxy.port())) {
                assertEquals("53300", seventh.read().field('C'));
            }
            strangers.remove(5).close();
            strangers.remove(4).close();
            Thread.sleep(200); // the proxy notices the two hang-ups
            try (Connection c = connect(projectId)) {
                assertTrue(c.isValid(2), "four strangers in the middle of a login do not take the project's two connections");
            }
        } finally {
            for (RawPgClient s : strangers) {
                s.close();
            }
        }
    }

    @Test
    void messagesBeforeLoginAreSmallAndASecondStartupIsRefused() throws Exception {
        try (RawPgClient big = startedLogin()) {
            big.message('p', new byte[70_000]);
            RawPgClient.Message error = big.readError();
            assertEquals("08P01", error.field('C'));
            assertTrue(error.field('M').contains("invalid message length"), error.field('M'));
        }
        // What PgBouncer 1.26.1 fixed (user impersonation): a StartupMessage in the middle of SCRAM must not switch the user.
        try (RawPgClient twice = startedLogin()) {
            twice.send(RawPgClient.startupPacket(Map.of("user", "postgres." + projectId, "database", "postgres")));
            assertEquals("08P01", twice.readError().field('C'));
            assertTrue(twice.closedByPeer());
        }
        for (String malformed : new String[] {"SCRAM-SHA-256", "SCRAM-SHA-256\0\0\0\0\u0099n,,n=,r=x", "MD5\0\0\0\0\0",
                "SCRAM-SHA-256\0\0\0\0\u0010p=tls-server-end-point,,n=,r=abc"}) {
            try (RawPgClient bad = startedLogin()) {
                bad.message('p', malformed.getBytes(StandardCharsets.ISO_8859_1));
                assertTrue(bad.closedByPeer(), "a malformed SASL message ends the login: " + malformed);
            }
        }
        try (Connection c = connect(projectId)) {
            assertTrue(c.isValid(2), "and the proxy still serves");
        }
    }

    @Test
    void malformedOptionsAreAnsweredAtOnce() throws Exception {
        // What PgBouncer 1.26.1 fixed (a "-c=" spin): a "-c" in options without its value, or ending in a backslash, made a
        // parser spin. Each must get an answer (the SASL request or a refusal) well within the socket's timeout.
        String[] options = {"-c", "-c ", "-c=", "-c\\", "\\", "-c search_path=\\", "--", "-c " + "\\".repeat(4_000),
                "project=" + projectId + " -c", "-c project=" + projectId + "\\"};
        for (String option : options) {
            Map<String, String> startup = new java.util.LinkedHashMap<>();
            startup.put("user", "postgres");
            startup.put("database", "postgres");
            startup.put("options", option);
            try (RawPgClient client = new RawPgClient(proxy.port()).startup(startup)) {
                char answer = client.read().type();
                assertTrue(answer == 'R' || answer == 'E', "options \"" + option.substring(0, Math.min(20, option.length())) + "\": " + answer);
            }
        }
    }

    @Test
    void afterLoginTheConfiguredMessageSizeHolds() throws Exception {
        try (Connection c = connect(projectId)) {
            c.createStatement().execute("SELECT '" + "x".repeat(90_000) + "'");
            // Past the limit the proxy says why and hangs up; the driver, still writing, usually sees only the hang-up.
            assertThrows(SQLException.class, () -> c.createStatement().execute("SELECT '" + "x".repeat(200_000) + "'"));
            assertTrue(!c.isValid(1), "the connection is closed");
        }
        try (Connection next = connect(projectId)) {
            assertTrue(next.isValid(2));
        }
    }

    @Test
    void anIdleClientIsLetGoButOneWaitingForALongQueryIsNot() throws Exception {
        try (Connection c = connect(projectId); java.sql.Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(2.5)"); // waiting for an answer is not idle
            Thread.sleep(2_500);
            SQLException gone = assertThrows(SQLException.class, () -> s.execute("SELECT 1"));
            assertTrue(!c.isValid(1), "the idle client was disconnected: " + gone.getMessage());
        }
    }

    @Test
    void anUpstreamAskingForUnboundedKeyDerivationIsRefused() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            String clientFirst = readPassword(in);
            String nonce = clientFirst.substring(clientFirst.indexOf("r=") + 2);
            FakeUpstream.authentication(out, 11, FakeUpstream.utf8("r=" + nonce + "abc,s=c2FsdA==,i=1000000000"));
        })) {
            SQLException refused = assertThrows(SQLException.class, () -> connect(project(upstream.port(), "disable")).close());
            assertTrue(refused.getMessage().contains("SCRAM iterations"), refused.getMessage());
        }
    }

    @Test
    void anUpstreamCannotSkipScramOrHaveThePasswordOverAnUnverifiedConnection() throws Exception {
        try (FakeUpstream liar = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            readPassword(in);
            FakeUpstream.authentication(out, 0, new byte[0]);
            out.writeByte('Z');
            out.writeInt(5);
            out.writeByte('I');
        })) {
            SQLException refused = assertThrows(SQLException.class, () -> connect(project(liar.port(), "disable")).close());
            assertTrue(refused.getMessage().contains("before completing SCRAM"), refused.getMessage());
        }
        try (FakeUpstream phisher = new FakeUpstream((out, in) -> FakeUpstream.authentication(out, 3, new byte[0]))) {
            SQLException refused = assertThrows(SQLException.class, () -> connect(project(phisher.port(), "prefer")).close());
            assertTrue(refused.getMessage().contains("clear text"), refused.getMessage());
            assertEquals(0, phisher.passwordsReceived.get(), "the password never left the proxy");
        }
    }

    @Test
    void theConnectionTestDoesNotHandThePasswordToAnUnverifiedServerEither() throws Exception {
        try (FakeUpstream phisher = new FakeUpstream((out, in) -> FakeUpstream.authentication(out, 3, new byte[0]))) {
            JsonNode created = http.post("/v1/projects", """
                    {"name":"probe","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                     "password":"%s","ssl_mode":"prefer"}}""".formatted(orgId, phisher.port(), PASSWORD), "Authorization", "Bearer " + token)
                    .expect(201).json();
            JsonNode test = http.post("/v1/projects/" + created.get("project").get("id").asText() + "/databases/"
                    + created.get("database").get("id").asText() + "/test-connection", null, "Authorization", "Bearer " + token)
                    .expect(200).json();
            assertTrue(!test.get("ok").asBoolean() && test.get("error").asText().contains("clear text or MD5"), test.toString());
            assertEquals(0, phisher.passwordsReceived.get(), "the password never left Tollgate");
        }
    }

    @Test
    void aSilentUpstreamDoesNotHoldTheLoginForever() throws Exception {
        try (FakeUpstream silent = new FakeUpstream(null)) {
            long started = System.nanoTime();
            SQLException refused = assertThrows(SQLException.class, () -> connect(project(silent.port(), "disable")).close());
            assertTrue(refused.getMessage().contains("did not complete the login"), refused.getMessage());
            assertTrue(System.nanoTime() - started < 9_000_000_000L, "well before the client's own timeout");
        }
    }

    private static String readPassword(DataInputStream in) throws IOException {
        int type = in.read();
        byte[] body = new byte[in.readInt() - 4];
        in.readFully(body);
        if (type != 'p') {
            throw new IOException("expected a password message, got " + (char) type);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.substring(text.indexOf("n,,"));
    }
}

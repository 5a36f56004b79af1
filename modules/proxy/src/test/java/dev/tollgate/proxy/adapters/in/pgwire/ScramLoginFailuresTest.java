package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.domain.Scram;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Every way a SCRAM exchange can go wrong, on both of the proxy's sides. As the upstream's client: a hostile upstream
 * ({@link FakeUpstream}) with a foreign nonce, a salt that is not base64, a server signature of the wrong length or
 * value, no mechanism without channel binding, messages out of order, or a hang-up or error in the middle. As the
 * server of its own clients ({@link RawPgClient}): a wrong password, a malformed or altered client-final, and clients
 * that abandon the exchange, which must not keep holding a pending-login slot.
 */
@MicronautTest(transactional = false)
class ScramLoginFailuresTest extends HttpTest {
    static final String PASSWORD = "scram-failures-secret";
    static final int PENDING_PER_ADDRESS = 3;
    @Inject
    PgWireServer proxy;
    String token;
    String orgId;
    String projectId;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.max-pending-logins-per-address", Integer.toString(PENDING_PER_ADDRESS));
        properties.put("tollgate.proxy.server-login-timeout", "5s");
        return properties;
    }

    @BeforeAll
    void signUp() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"scram-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
        projectId = project(UpstreamPostgres.port());
    }

    private String project(int port) {
        return http.post("/v1/projects", """
                {"name":"scram","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, port, PASSWORD), "Authorization", "Bearer " + token)
                .expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String project) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + project);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }

    /** What the client is told when the proxy's login to {@code upstream} fails. */
    private PSQLException loginThrough(FakeUpstream upstream) {
        String project = project(upstream.port());
        return assertThrows(PSQLException.class, () -> connect(project).close());
    }

    private static void assertRefused(PSQLException refused, String sqlState, String message) {
        assertEquals(sqlState, refused.getSQLState(), refused.getMessage());
        assertEquals(message, refused.getServerErrorMessage().getMessage());
    }

    // ---- the proxy as SCRAM client of a hostile upstream ------------------------------------------------------------

    @Test
    void anUpstreamNonceThatDoesNotExtendTheProxysIsRefused() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            FakeUpstream.readSaslInitial(in);
            FakeUpstream.authentication(out, 11, FakeUpstream.utf8("r=someone-elses-nonce,s=c2FsdA==,i=4096"));
        })) {
            assertRefused(loginThrough(upstream), "28000", "the upstream's SCRAM nonce does not extend the proxy's");
        }
    }

    @Test
    void aSaltThatIsNotBase64IsRefused() throws Exception {
        try (FakeUpstream upstream = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            String nonce = nonceOf(FakeUpstream.readSaslInitial(in));
            FakeUpstream.authentication(out, 11, FakeUpstream.utf8("r=" + nonce + "srv,s=not*base64!,i=4096"));
        })) {
            assertRefused(loginThrough(upstream), "28000", "the upstream's SCRAM salt is not base64");
        }
    }

    @Test
    void aServerSignatureThatIsWrongInAnyWayIsRefused() throws Exception {
        for (String serverFinal : new String[] {"v=AAAA", "v=" + "A".repeat(43) + "=", "v=not*base64!", "e=invalid-proof", ""}) {
            AtomicReference<String> proofChecked = new AtomicReference<>();
            try (FakeUpstream upstream = new FakeUpstream((out, in) -> {
                // A real SCRAM server for the first half: the proxy's proof is right, only the server's answer is not.
                Scram.ServerExchange server = new Scram.ServerExchange(Scram.Secret.derive(PASSWORD));
                FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
                out.flush();
                FakeUpstream.authentication(out, 11, FakeUpstream.utf8(server.serverFirst(FakeUpstream.readSaslInitial(in))));
                out.flush();
                proofChecked.set(server.serverFinal(FakeUpstream.readSaslResponse(in)));
                FakeUpstream.authentication(out, 12, FakeUpstream.utf8(serverFinal));
                FakeUpstream.authentication(out, 0, new byte[0]);
                readyForQuery(out);
            })) {
                assertRefused(loginThrough(upstream), "28000", "the upstream server failed SCRAM verification");
                assertNotNull(proofChecked.get(), "the proxy's own proof was right: only the server's signature was refused");
            }
        }
    }

    @Test
    void anUpstreamOfferingOnlyChannelBindingGetsNoScramMessage() throws Exception {
        // The proxy cannot bind the client's TLS channel to the upstream's (it terminates TLS): SCRAM-SHA-256-PLUS alone
        // is not something it can answer, and answering with the plain mechanism anyway is not what was offered.
        try (FakeUpstream upstream = new FakeUpstream((out, in) -> FakeUpstream.authentication(out, 10,
                FakeUpstream.utf8("SCRAM-SHA-256-PLUS\0\0")))) {
            assertRefused(loginThrough(upstream), "28000",
                    "the upstream offers no SASL mechanism the proxy supports (SCRAM-SHA-256 without channel binding): SCRAM-SHA-256-PLUS");
            assertEquals(0, upstream.passwordsReceived.get(), "no SASLInitialResponse was sent");
        }
    }

    @Test
    void scramMessagesOutOfOrderAreRefused() throws Exception {
        try (FakeUpstream continuedFirst = new FakeUpstream((out, in) -> FakeUpstream.authentication(out, 11,
                FakeUpstream.utf8("r=abc,s=c2FsdA==,i=4096")))) {
            assertRefused(loginThrough(continuedFirst), "28000", "the upstream continued SCRAM it never started");
        }
        try (FakeUpstream finalFirst = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            FakeUpstream.readSaslInitial(in);
            FakeUpstream.authentication(out, 12, FakeUpstream.utf8("v=" + "A".repeat(43) + "="));
        })) {
            assertRefused(loginThrough(finalFirst), "28000", "the upstream server failed SCRAM verification");
        }
    }

    @Test
    void anUpstreamThatAbortsScramFailsTheLoginWithItsReason() throws Exception {
        try (FakeUpstream hangsUp = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            FakeUpstream.readSaslInitial(in);
            throw new EOFException("the fake hangs up in the middle of SCRAM");
        })) {
            assertRefused(loginThrough(hangsUp), "08006", "the upstream server closed the connection during login");
        }
        try (FakeUpstream refuses = new FakeUpstream((out, in) -> {
            FakeUpstream.authentication(out, 10, FakeUpstream.utf8("SCRAM-SHA-256\0\0"));
            out.flush();
            FakeUpstream.readSaslInitial(in);
            byte[] error = FakeUpstream.utf8("SFATAL\0C28P01\0Mpassword authentication failed for user \"postgres\"\0\0");
            out.writeByte('E');
            out.writeInt(4 + error.length);
            out.write(error);
        })) {
            assertRefused(loginThrough(refuses), "28P01", "password authentication failed for user \"postgres\"");
        }
    }

    // ---- the proxy as SCRAM server of its clients -------------------------------------------------------------------

    /** Starts a login: startup, the proxy's SASL request, our client-first ({@code gs2Header} + bare). */
    private RawPgClient saslStarted(Scram.ClientExchange scram, String gs2Header) throws IOException {
        RawPgClient client = new RawPgClient(proxy.port()).startup(Map.of("user", "postgres." + projectId, "database", "postgres"));
        RawPgClient.Message sasl = client.read();
        assertEquals('R', sasl.type());
        assertEquals(10, java.nio.ByteBuffer.wrap(sasl.body()).getInt(), "AuthenticationSASL");
        String bare = scram.clientFirst().substring(3);
        byte[] clientFirst = (gs2Header + bare).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(body);
        data.write(FakeUpstream.utf8(Scram.MECHANISM + "\0"));
        data.writeInt(clientFirst.length);
        data.write(clientFirst);
        return client.message('p', body.toByteArray());
    }

    /** Reads the proxy's server-first (AuthenticationSASLContinue). */
    private static String serverFirst(RawPgClient client) throws IOException {
        RawPgClient.Message m = client.read();
        assertEquals('R', m.type());
        assertEquals(11, java.nio.ByteBuffer.wrap(m.body()).getInt(), "AuthenticationSASLContinue");
        return new String(m.body(), 4, m.body().length - 4, StandardCharsets.UTF_8);
    }

    private static String clientFinal(Scram.ClientExchange scram, String serverFirst, String password) {
        Scram.Challenge challenge = scram.challenge(serverFirst);
        return scram.clientFinal(challenge, Scram.saltedPassword(password, challenge.salt(), challenge.iterations()));
    }

    /** The client-final a test sends, made from the exchange's right one. */
    interface ClientFinal {
        String make(Scram.ClientExchange scram, String serverFirst, String right);
    }

    private void assertClientFinalRefused(String gs2Header, ClientFinal clientFinal) throws Exception {
        Scram.ClientExchange scram = new Scram.ClientExchange();
        try (RawPgClient client = saslStarted(scram, gs2Header)) {
            String serverFirst = serverFirst(client);
            client.message('p', FakeUpstream.utf8(clientFinal.make(scram, serverFirst, clientFinal(scram, serverFirst, PASSWORD))));
            RawPgClient.Message error = client.read();
            assertEquals('E', error.type(), "no AuthenticationSASLFinal, no AuthenticationOk");
            assertEquals("28P01", error.field('C'));
            assertEquals("password authentication failed for user \"postgres\"", error.field('M'));
            assertTrue(client.closedByPeer());
        }
    }

    @Test
    void theRightPasswordLogsInOverTheWire() throws Exception {
        Scram.ClientExchange scram = new Scram.ClientExchange();
        try (RawPgClient client = saslStarted(scram, "n,,")) {
            String serverFirst = serverFirst(client);
            client.message('p', FakeUpstream.utf8(clientFinal(scram, serverFirst, PASSWORD)));
            RawPgClient.Message serverFinal = client.read();
            assertEquals(12, java.nio.ByteBuffer.wrap(serverFinal.body()).getInt(), "AuthenticationSASLFinal");
            assertTrue(scram.verifyServerFinal(new String(serverFinal.body(), 4, serverFinal.body().length - 4, StandardCharsets.UTF_8)));
            RawPgClient.Message m;
            do {
                m = client.read();
            } while (m.type() != 'Z' && m.type() != 'E');
            assertEquals('Z', m.type(), "logged in and ready for queries");
        }
    }

    @Test
    void theProxyRefusesAWrongPasswordAMalformedClientFinalAndAnAlteredOne() throws Exception {
        assertClientFinalRefused("n,,", (scram, serverFirst, right) -> clientFinal(scram, serverFirst, "wrong password"));
        assertClientFinalRefused("n,,", (scram, serverFirst, right) -> "garbage");
        assertClientFinalRefused("n,,", (scram, serverFirst, right) -> right.substring(0, right.indexOf(",p="))); // no proof
        assertClientFinalRefused("n,,", (scram, serverFirst, right) -> right.replace(",p=", "x,p=")); // nonce not the server's
        assertClientFinalRefused("n,,", (scram, serverFirst, right) -> right.substring(0, right.indexOf(",p=")) + ",p=AAAA"); // short
        // Said "y,," in client-first, then c=biws ("n,,") in client-final: the first message was altered on the way.
        assertClientFinalRefused("y,,", (scram, serverFirst, right) -> right);
    }

    @Test
    void clientsThatAbandonScramGiveTheirPendingLoginSlotBack() throws Exception {
        for (int i = 0; i < 3 * PENDING_PER_ADDRESS; i++) {
            try (RawPgClient abandoned = saslStarted(new Scram.ClientExchange(), "n,,")) {
                serverFirst(abandoned);
                if (i % 2 == 0) {
                    abandoned.message('X', new byte[0]); // Terminate in the middle of SCRAM: the proxy hangs up
                    assertTrue(abandoned.closedByPeer());
                }
            } // the others just close their socket
        }
        // Were the slots kept, every login from this address would now be refused with 53300 until the login timeout.
        long deadline = System.nanoTime() + 5_000_000_000L;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = connect(projectId)) {
                assertTrue(c.isValid(2));
                return;
            } catch (SQLException refused) {
                assertEquals("53300", refused.getSQLState(), refused.getMessage());
                last = refused;
                Thread.sleep(20); // the proxy has yet to see the last hang-ups
            }
        }
        throw new AssertionError("the abandoned logins still hold their slots", last);
    }

    private static String nonceOf(String clientFirst) {
        return clientFirst.substring(clientFirst.indexOf("r=") + 2);
    }

    private static void readyForQuery(DataOutputStream out) throws IOException {
        out.writeByte('Z');
        out.writeInt(5);
        out.writeByte('I');
    }
}

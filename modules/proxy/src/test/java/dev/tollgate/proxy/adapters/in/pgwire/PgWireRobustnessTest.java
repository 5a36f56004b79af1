package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.protocol.PgWire;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What hostile or unlucky clients meet: malformed startups, injected bytes, and an upstream that dies mid-query. */
@MicronautTest(transactional = false)
class PgWireRobustnessTest extends HttpTest {
    @Inject
    PgWireServer proxy;
    String projectId;

    @BeforeAll
    void registerProject() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"ops-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        projectId = http.post("/v1/projects", """
                {"name":"robust","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"pw-robust","ssl_mode":"disable"}}""".formatted(signedUp.get("organization").get("id").asText(),
                UpstreamPostgres.get().getPort()), "Authorization", "Bearer " + signedUp.get("access_token").asText())
                .expect(201).json().get("project").get("id").asText();
    }

    /** Sends raw bytes and returns the first reply byte and, for an ErrorResponse, its SQLSTATE. */
    private String exchange(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", proxy.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(bytes);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type = in.read();
            if (type != 'E') {
                return String.valueOf((char) type);
            }
            byte[] body = new byte[in.readInt() - 4];
            in.readFully(body);
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf("\0C");
            return "E" + text.substring(at + 2, at + 7);
        }
    }

    private static byte[] packet(int length, int code, int totalBytes) throws IOException {
        var buffer = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buffer);
        out.writeInt(length);
        out.writeInt(code);
        out.write(new byte[totalBytes - 8]);
        return buffer.toByteArray();
    }

    @Test
    void oversizedOrUnknownStartupPacketsAreRefused() throws IOException {
        assertEquals("E08P01", exchange(packet(20_000, PgWire.PROTOCOL_3_0, 8)));
        assertEquals("E08P01", exchange(packet(8, 0x00020000, 8)));
    }

    @Test
    void gssEncryptionIsDeclinedAndBytesSentAheadOfTheTlsAnswerAreRejected() throws IOException {
        assertEquals("N", exchange(packet(8, PgWire.GSSENC_REQUEST, 8)));
        byte[] sslThenInjected = new byte[16];
        System.arraycopy(packet(8, PgWire.SSL_REQUEST, 8), 0, sslThenInjected, 0, 8);
        System.arraycopy(packet(8, PgWire.PROTOCOL_3_0, 8), 0, sslThenInjected, 8, 8);
        assertEquals("E08P01", exchange(sslThenInjected));
    }

    @Test
    void aKilledUpstreamFailsItsClientAndTheNextClientIsHealthy() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + projectId);
        p.setProperty("password", "pw-robust");
        p.setProperty("sslmode", "disable");
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres";
        try (Connection victim = DriverManager.getConnection(url, p); Statement s = victim.createStatement()) {
            // Transaction pooling: a server killed while its client is idle is simply replaced; the client notices nothing.
            int firstPid = backendPid(s);
            terminate("pid = " + firstPid);
            Thread.sleep(300); // the proxy learns of the death asynchronously, like any pooler without a check query
            assertTrue(backendPid(s) != firstPid, "a fresh server connection serves the next transaction");
            // Killed in the middle of the client's query: the client gets an error.
            java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            try {
                timer.schedule(() -> terminate("query = 'SELECT pg_sleep(15)'"), 500, java.util.concurrent.TimeUnit.MILLISECONDS);
                SQLException killed = assertThrows(SQLException.class, () -> s.execute("SELECT pg_sleep(15)"));
                // What the server said as it died reaches the client, as PgBouncer relays it.
                assertEquals("57P01", killed.getSQLState(), killed.getMessage());
                assertTrue(killed.getMessage().contains("terminating connection due to administrator command"), killed.getMessage());
            } finally {
                timer.shutdownNow();
            }
        }
        try (Connection next = DriverManager.getConnection(url, p); Statement s = next.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
        }
    }

    private static int backendPid(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Void terminate(String where) throws SQLException {
        try (Connection admin = UpstreamPostgres.get().getPostgresDatabase().getConnection();
             Statement kill = admin.createStatement()) {
            kill.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE " + where + " AND pid <> pg_backend_pid()");
        }
        return null;
    }
}

package dev.tollgate.proxy.adapters.in.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.backend.SocketTransport;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The data plane on the JDK's NIO sockets ({@code tollgate.proxy.native-transport=false}), as it runs where Linux's
 * epoll library does not load: the other tests run on epoll here (ADR 0062).
 */
@MicronautTest(transactional = false)
class NioTransportProxyTest extends HttpTest {
    static final String PASSWORD = "nio-secret";
    @Inject
    PgWireServer proxy;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.proxy.native-transport", "false");
        return properties;
    }

    @Test
    void queriesPreparedStatementsTransactionsAndCancelsWorkOnNioSockets() throws Exception {
        assertEquals(SocketTransport.NIO, proxy.transport());
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"nio-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String token = signedUp.get("access_token").asText();
        String projectId = http.post("/v1/projects", """
                {"name":"nio","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(signedUp.get("organization").get("id").asText(), UpstreamPostgres.port(),
                PASSWORD), "Authorization", "Bearer " + token).expect(201).json().get("project").get("id").asText();
        Properties login = new Properties();
        login.setProperty("user", "postgres." + projectId);
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        login.setProperty("prepareThreshold", "1"); // named server-side statements from the first execution
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login)) {
            try (PreparedStatement p = c.prepareStatement("SELECT ?::int + 1")) {
                for (int i = 0; i < 3; i++) {
                    p.setInt(1, i);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        assertEquals(i + 1, rs.getInt(1));
                    }
                }
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE nio_t (v int)");
                s.execute("INSERT INTO nio_t VALUES (7)");
                try (ResultSet rs = s.executeQuery("SELECT v FROM nio_t")) {
                    rs.next();
                    assertEquals(7, rs.getInt(1));
                }
            }
            c.rollback();
            c.setAutoCommit(true);
            // A CancelRequest is forwarded on a connection dialled from the client's (NIO) loop.
            try (Statement slow = c.createStatement()) {
                CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(300);
                        slow.cancel();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                SQLException cancelled = assertThrows(SQLException.class, () -> slow.execute("SELECT pg_sleep(30)"));
                assertEquals("57014", cancelled.getSQLState());
                cancel.get(10, TimeUnit.SECONDS);
            }
        }
    }
}

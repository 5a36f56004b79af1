package dev.tollgate.proxy.adapters.in.pgwire;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.testing.EmbeddedPostgresServer;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A self-registered tenant aims its upstream at Tollgate's own control-plane database, the cloud metadata service or
 * a private network: refused at registration with PgBeam's 400, and at connect time with 08004 should the row point
 * there anyway (a name that resolves elsewhere later, or a row written before the policy).
 */
@MicronautTest(transactional = false)
class UpstreamDestinationsTest extends HttpTest {
    static final String PASSWORD = "tenant-secret";
    @Inject
    PgWireServer proxy;
    @Inject
    DataSource dataSource;
    @Inject
    EmbeddedServer server;
    String token;
    String orgId;

    @BeforeAll
    void signUp() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"mallory-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
    }

    private String[] auth() {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private String database(String host, int port) {
        return """
                {"host":"%s","port":%d,"name":"postgres","username":"postgres","password":"%s","ssl_mode":"disable"}"""
                .formatted(host, port, PASSWORD);
    }

    private TestExchange createProject(String host, int port) {
        var exchange = http.post("/v1/projects", """
                {"name":"aimed","org_id":"%s","database":%s}""".formatted(orgId, database(host, port)), auth());
        return new TestExchange(exchange.status(), exchange.status() == 201 ? exchange.json() : null, exchange.body(), exchange);
    }

    private record TestExchange(int status, JsonNode json, String body, dev.tollgate.testing.TestHttp.Exchange exchange) {
    }

    @Test
    void theControlPlaneDatabaseCannotBeRegisteredUnderAnyLoopbackName() {
        int controlPlane = EmbeddedPostgresServer.get().getPort();
        for (String host : new String[] {"127.0.0.1", "localhost", "127.0.0.2", "::1", "0.0.0.0"}) {
            TestExchange refused = createProject(host, controlPlane);
            assertEquals(400, refused.status(), host + ": " + refused.body());
            refused.exchange().conformsTo(PGBEAM);
            assertTrue(refused.body().contains("control-plane database"), refused.body());
        }
    }

    @Test
    void internalAddressesAreRefusedWithTheReason() {
        assertTrue(createProject("169.254.169.254", 80).body().contains("link-local"));
        assertTrue(createProject("10.0.0.1", 5432).body().contains("private"));
        assertTrue(createProject("fd00::1", 5432).body().contains("unique-local"));
        TestExchange unresolvable = createProject("no-such-host.invalid", 5432);
        assertEquals(400, unresolvable.status());
        assertTrue(unresolvable.body().contains("does not resolve"), unresolvable.body());
    }

    @Test
    void changesAndReplicasAreCheckedToo() {
        JsonNode created = createProject("127.0.0.1", UpstreamPostgres.port()).json();
        String projectId = created.get("project").get("id").asText();
        String databaseId = created.get("database").get("id").asText();
        http.patch("/v1/projects/" + projectId + "/databases/" + databaseId,
                "{\"port\":" + EmbeddedPostgresServer.get().getPort() + "}", auth()).expect(400).conformsTo(PGBEAM);
        http.patch("/v1/projects/" + projectId + "/databases/" + databaseId, "{\"host\":\"192.168.0.10\"}", auth())
                .expect(400).conformsTo(PGBEAM);
        http.post("/v1/databases/" + databaseId + "/replicas", "{\"host\":\"172.16.5.5\",\"port\":5432}", auth())
                .expect(400).conformsTo(PGBEAM);
    }

    @Test
    void aRowPointingAtTheControlPlaneIsRefusedAtConnectTime() throws Exception {
        JsonNode created = createProject("127.0.0.1", UpstreamPostgres.port()).json();
        String projectId = created.get("project").get("id").asText();
        try (Connection c = connect(projectId)) {
            assertTrue(c.isValid(2), "the registered upstream works");
        }
        // As if the name now resolved to the control plane: the row is changed behind the API's back.
        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE proxy.databases SET port = ? WHERE project_id = ?")) {
            s.setInt(1, EmbeddedPostgresServer.get().getPort());
            s.setObject(2, TypeId.parse("prj", projectId));
            assertEquals(1, s.executeUpdate());
        }
        SQLException refused = assertThrows(SQLException.class, () -> connect(projectId).close());
        assertEquals("08004", refused.getSQLState(), refused.getMessage());
        assertFalse(refused.getMessage().contains(String.valueOf(EmbeddedPostgresServer.get().getPort())),
                "the refusal does not tell an unauthenticated client where the upstream points");

        String databaseId = created.get("database").get("id").asText();
        JsonNode test = http.post("/v1/projects/" + projectId + "/databases/" + databaseId + "/test-connection", null, auth())
                .expect(200).conformsTo(PGBEAM).json();
        assertFalse(test.get("ok").asBoolean());
        assertTrue(test.get("error").asText().contains("will not connect"), test.toString());
    }

    @Test
    void aFailedConnectionTestDescribesTheFailureWithoutQuotingTheOtherHost() {
        // Tollgate's own HTTP port: a server that answers, but not PostgreSQL.
        JsonNode created = createProject("127.0.0.1", server.getPort()).json();
        String url = "/v1/projects/" + created.get("project").get("id").asText() + "/databases/"
                + created.get("database").get("id").asText() + "/test-connection";
        JsonNode test = http.post(url, null, auth()).expect(200).conformsTo(PGBEAM).json();
        assertFalse(test.get("ok").asBoolean());
        String error = test.get("error").asText();
        assertTrue(error.startsWith("could not complete a PostgreSQL login at 127.0.0.1:" + server.getPort()), error);
        assertFalse(error.contains("HTTP") || error.contains("protocol"), error);
    }

    private Connection connect(String projectId) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }
}

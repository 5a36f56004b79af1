package dev.tollgate.proxy.adapters.in.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.outbox.OutboxConsumer;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.api.events.ProjectDeleted;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A project deleted on another node reaches this one only through the outbox: delivering its {@link ProjectDeleted}
 * (with nothing deleted here) drops this node's live connections to it and leaves other projects' connections alone.
 */
@MicronautTest(transactional = false)
class ProjectDeletedOnAnotherNodeTest extends HttpTest {
    static final String PASSWORD = "other-node-secret";
    @Inject
    PgWireServer proxy;
    @Inject
    List<OutboxConsumer<?>> consumers;

    private String project(String orgId, String token) {
        return http.post("/v1/projects", """
                {"name":"wire","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD),
                "Authorization", "Bearer " + token).expect(201).json().get("project").get("id").asText();
    }

    private Connection connect(String projectId) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", p);
    }

    private static void query(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
    }

    @SuppressWarnings("unchecked")
    private OutboxConsumer<ProjectDeleted> listener() {
        return (OutboxConsumer<ProjectDeleted>) consumers.stream().filter(c -> c.eventType() == ProjectDeleted.class).findFirst().orElseThrow();
    }

    @Test
    void theDeletionOfAnotherNodeDropsThisNodesConnections() throws Exception {
        var signedUp = http.post("/v1/auth/signup", """
                {"email":"node-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String token = signedUp.get("access_token").asText();
        String orgId = signedUp.get("organization").get("id").asText();
        String deleted = project(orgId, token);
        String kept = project(orgId, token);
        assertEquals(OutboxConsumer.Scope.NODE, listener().scope(), "every node must hear of it, not one of the cluster");

        try (Connection gone = connect(deleted); Connection stays = connect(kept)) {
            query(gone);
            listener().deliver(UUID.randomUUID(), new ProjectDeleted(TypeId.parse("org", orgId), TypeId.parse("prj", deleted), Instant.now()));
            Thread.sleep(100); // the drop is written on the connection's event loop
            assertThrows(SQLException.class, () -> query(gone));
            query(stays);
        }
    }
}

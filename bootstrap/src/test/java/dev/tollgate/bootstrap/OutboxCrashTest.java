package dev.tollgate.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.TestHttp;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The outbox's promise under a real crash: a node commits a new organization (and so its OrganizationCreated event)
 * and is killed with SIGKILL before it relays anything; this node's relay then delivers the event to a cluster
 * consumer, exactly once.
 */
@MicronautTest(transactional = false)
class OutboxCrashTest extends HttpTest {
    @Value("${datasources.default.url}")
    String databaseUrl;
    @Inject
    RecordingOrganizationsConsumer consumer;

    @Test
    void anEventCommittedByANodeKilledBeforeRelayingIsDeliveredByAnotherExactlyOnce() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OutboxCrashChild.class.getName(), databaseUrl)
                .redirectErrorStream(true).start();
        String organization;
        try {
            int port = portOf(child);
            organization = new TestHttp(URI.create("http://127.0.0.1:" + port)).post("/v1/auth/signup",
                    "{\"email\":\"crash-" + UUID.randomUUID() + "@example.com\",\"password\":\"correct horse battery\"}")
                    .expect(201).json().get("organization").get("id").asText();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no relay on the way out
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child node died");
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        // The child ran with its relay off, so whatever delivers the event is this node's relay (which may already
        // have done so: it polls every second).

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!consumer.received.contains(organization) && System.nanoTime() < deadline) {
            Thread.sleep(50); // this node's relay polls the outbox every second
        }
        assertTrue(consumer.received.contains(organization), "the event survived the crash");
        Thread.sleep(2_500); // two more polls: a delivered event is not delivered again
        assertEquals(1, consumer.received.stream().filter(organization::equals).count());
        assertEquals(1, deliveriesOf(organization));
    }

    /** Reads the child's output until it says which port it serves on. */
    private static int portOf(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT=")) {
                Thread drain = new Thread(() -> out.lines().forEach(ignored -> { })); // keep the pipe from filling
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(line.substring(5));
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the child node never started:\n" + seen);
    }

    private long deliveriesOf(String organization) throws Exception {
        try (Connection db = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             PreparedStatement s = db.prepareStatement("""
                     SELECT count(*) FROM outbox.deliveries d JOIN outbox.events e ON e.id = d.event_id
                     WHERE d.consumer = 'test-organizations-recorder' AND e.aggregate = ?""")) {
            s.setString(1, organization);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}

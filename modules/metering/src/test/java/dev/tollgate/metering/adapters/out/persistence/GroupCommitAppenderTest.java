package dev.tollgate.metering.adapters.out.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tollgate.metering.domain.CloudEvent;
import dev.tollgate.testing.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Concurrent appends share commits, each returns after its events are durable, and one failing append fails alone. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupCommitAppenderTest implements TestDatabase {
    @Inject
    GroupCommitAppender appender;
    @Inject
    DataSource dataSource;

    private static CloudEvent event(String id, String subject) {
        return new CloudEvent(id, "test", "1.0", "call", subject, Instant.parse("2026-11-01T00:00:00Z"), "{\"n\":1}");
    }

    @Test
    void eventsAreMarkedCompactByTheSizeOfTheirData() throws Exception {
        UUID namespace = UUID.randomUUID();
        String large = "{\"prompt\":\"" + "x".repeat(5000) + "\"}";
        appender.append(namespace, List.of(event("small", "s"),
                new CloudEvent("large", "test", "1.0", "call", "s", Instant.parse("2026-11-01T00:00:00Z"), large),
                new CloudEvent("empty", "test", "1.0", "call", "s", Instant.parse("2026-11-01T00:00:00Z"), null)), Instant.now());
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, compact FROM metering.events WHERE namespace = '" + namespace + "' ORDER BY id")) {
            java.util.Map<String, Boolean> compact = new java.util.HashMap<>();
            while (rs.next()) {
                compact.put(rs.getString(1), rs.getBoolean(2));
            }
            assertEquals(java.util.Map.of("small", true, "large", false, "empty", true), compact);
        }
    }

    @Test
    void concurrentAppendsAreAllStoredAndABadOneFailsAlone() throws Exception {
        UUID namespace = UUID.randomUUID();
        int appends = 48;
        ExecutorService pool = Executors.newFixedThreadPool(appends);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < appends; i++) {
            int n = i;
            // Append 7 carries a subject PostgreSQL cannot store (a NUL character): only it may fail.
            List<CloudEvent> events = List.of(event("e" + n + "a", n == 7 ? "bad\u0000subject" : "s" + n), event("e" + n + "b", "s" + n));
            results.add(pool.submit(() -> {
                start.await();
                return appender.append(namespace, events, Instant.now());
            }));
        }
        start.countDown();
        for (int i = 0; i < appends; i++) {
            if (i == 7) {
                Future<Integer> bad = results.get(i);
                assertThrows(java.util.concurrent.ExecutionException.class, bad::get);
            } else {
                assertEquals(2, results.get(i).get());
            }
        }
        pool.shutdown();
        // Sent again, the stored events are not stored twice.
        assertEquals(0, appender.append(namespace, List.of(event("e1a", "s1"), event("e1b", "s1")), Instant.now()));
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM metering.events WHERE namespace = '" + namespace + "'")) {
            rs.next();
            assertEquals(2 * (appends - 1), rs.getInt(1));
        }
    }
}

package dev.tollgate.metering.adapters.in.http.openmeter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests carrying the same event ids in different orders, both through large batches (which commit on
 * their own, above GroupCommitAppender's threshold of 50 events) and small ones (grouped by the writers): every request
 * is accepted, each id is stored once and the meter totals are exact.
 */
@MicronautTest(transactional = false)
class ConcurrentDuplicateBatchesTest extends HttpTest {
    private static final int IDS = 150;

    @Test
    void overlappingBatchesInAnyOrderStoreEachIdOnce() throws Exception {
        String token = signUpOwner();
        String[] auth = {"Authorization", "Bearer " + token};
        http.post("/api/v1/meters", "{\"slug\":\"calls\",\"aggregation\":\"COUNT\",\"eventType\":\"call\"}", auth).expect(201);
        http.post("/api/v1/meters", "{\"slug\":\"units\",\"aggregation\":\"SUM\",\"eventType\":\"call\",\"valueProperty\":\"$.n\"}", auth)
                .expect(201);
        Random random = new Random(13);
        List<String> bodies = new ArrayList<>();
        for (int request = 0; request < 12; request++) {
            // Half the requests are large (120 of the ids), half small (30); each in an order of its own.
            List<Integer> ids = new ArrayList<>();
            for (int i = 0; i < IDS; i++) {
                ids.add(i);
            }
            Collections.shuffle(ids, random);
            bodies.add(batch(ids.subList(0, request % 2 == 0 ? 120 : 30)));
        }
        bodies.add(batch(java.util.stream.IntStream.range(0, IDS).boxed().toList())); // every id at least once

        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String body : bodies) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return http.post("/api/v1/events", body, "Authorization", "Bearer " + token, "Content-Type",
                            "application/cloudevents-batch+json").status();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(204, status.get(), "every request is accepted, duplicates or not");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(IDS, value("calls", auth), "each id stored once");
        assertEquals(IDS * (IDS - 1) / 2, value("units", auth), "0 + 1 + ... + 149, each id's value once");
    }

    /** Event i carries the value i, whichever request stores it. */
    private static String batch(List<Integer> ids) {
        List<String> events = new ArrayList<>();
        for (int i : ids) {
            events.add("""
                    {"specversion":"1.0","id":"e%d","source":"race","type":"call","subject":"s","time":"2026-11-02T10:00:00Z","data":{"n":%d}}"""
                    .formatted(i, i));
        }
        return "[" + String.join(",", events) + "]";
    }

    private long value(String meter, String[] auth) {
        return http.get("/api/v1/meters/" + meter + "/query", auth).expect(200).json().get("data").get(0).get("value").asLong();
    }
}

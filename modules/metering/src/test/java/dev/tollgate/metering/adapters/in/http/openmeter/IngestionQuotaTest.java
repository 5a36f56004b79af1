package dev.tollgate.metering.adapters.in.http.openmeter;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Each namespace ingests at most its quota (here the node's default: 1 event a second, bursts of 10): beyond, OpenMeter's
 * 429 with Retry-After, and nothing of the refused request is stored. Concurrent requests never take more than the bucket, and
 * it refills only as the (test's) clock moves.
 */
@MicronautTest(transactional = false)
class IngestionQuotaTest extends HttpTest {
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.metering.ingest.events-per-second", "1");
        properties.put("tollgate.metering.ingest.burst", "10");
        return properties;
    }

    private static String events(String prefix, int count) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add("""
                    {"specversion":"1.0","id":"%s-%d","source":"quota","type":"call","subject":"s","data":{}}""".formatted(prefix, i));
        }
        return "[" + String.join(",", events) + "]";
    }

    @Test
    void aNamespaceBeyondItsQuotaIsTooManyRequestsAndNothingIsStored() {
        String[] auth = {"Authorization", "Bearer " + signUpOwner(), "Content-Type", "application/cloudevents-batch+json"};
        assertTrue(http.post("/api/v1/events", events("a", 11), auth).expect(400).conformsTo(OPENMETER).body()
                .contains("at most 10 events per request"), "a batch larger than the burst could never pass: 400, not 429");
        http.post("/api/v1/events", events("b", 10), auth).expect(204);
        var refused = http.post("/api/v1/events", events("c", 2), auth).expect(429).conformsTo(OPENMETER);
        assertEquals("2", refused.header("Retry-After"), "two events at 1 a second, on a clock that stands still");
        assertEquals(10, http.get("/api/v1/events?limit=100", auth[0], auth[1]).expect(200).json().size(),
                "only the accepted batch is stored");

        // Another namespace has a bucket of its own.
        String[] other = {"Authorization", "Bearer " + signUpOwner(), "Content-Type", "application/cloudevents-batch+json"};
        http.post("/api/v1/events", events("d", 10), other).expect(204);
    }

    @Test
    void concurrentRequestsNeverOvershootTheBurstAndRefillOnlyAsTheClockMoves() throws Exception {
        String[] auth = {"Authorization", "Bearer " + signUpOwner(), "Content-Type", "application/cloudevents-batch+json"};
        // The clock stands still while the requests run: the burst of 10 passes, not one event more, however slow the machine.
        assertEquals(10, acceptedOf(40, "x", auth));
        assertEquals(0, acceptedOf(5, "y", auth), "nothing refills while the clock stands still");
        clock.advance(Duration.ofSeconds(3));
        assertEquals(3, acceptedOf(10, "z", auth), "three seconds at 1 event a second");
        assertEquals(13, http.get("/api/v1/events?limit=100", auth[0], auth[1]).expect(200).json().size());
    }

    /** Sends {@code requests} one-event requests at once; how many were accepted (the others must be 429). */
    private int acceptedOf(int requests, String prefix, String[] auth) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String body = events(prefix + i, 1);
                statuses.add(pool.submit(() -> http.post("/api/v1/events", body, auth).status()));
            }
            int accepted = 0;
            for (Future<Integer> status : statuses) {
                int s = status.get();
                assertTrue(s == 204 || s == 429, "status " + s);
                accepted += s == 204 ? 1 : 0;
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }
}

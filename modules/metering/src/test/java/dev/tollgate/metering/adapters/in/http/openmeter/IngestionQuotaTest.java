package dev.tollgate.metering.adapters.in.http.openmeter;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
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
 * 429 with Retry-After, and nothing of the refused request is stored. Concurrent requests never take more than the bucket.
 */
@MicronautTest(transactional = false)
class IngestionQuotaTest extends HttpTest {

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
        assertTrue(Long.parseLong(refused.header("Retry-After")) >= 1, "Retry-After: " + refused.header("Retry-After"));
        assertEquals(10, http.get("/api/v1/events?limit=100", auth[0], auth[1]).expect(200).json().size(),
                "only the accepted batch is stored");

        // Another namespace has a bucket of its own.
        String[] other = {"Authorization", "Bearer " + signUpOwner(), "Content-Type", "application/cloudevents-batch+json"};
        http.post("/api/v1/events", events("d", 10), other).expect(204);
    }

    @Test
    void concurrentRequestsNeverOvershootTheBurst() throws Exception {
        String[] auth = {"Authorization", "Bearer " + signUpOwner(), "Content-Type", "application/cloudevents-batch+json"};
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            long started = System.nanoTime();
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String body = events("x" + i, 1);
                statuses.add(pool.submit(() -> http.post("/api/v1/events", body, auth).status()));
            }
            int accepted = 0;
            for (Future<Integer> status : statuses) {
                int s = status.get();
                assertTrue(s == 204 || s == 429, "status " + s);
                accepted += s == 204 ? 1 : 0;
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L + 1;
            // The burst of 10, plus at most what the bucket refilled (1 a second) while the 40 requests ran.
            assertTrue(accepted >= 10 && accepted <= 10 + seconds, accepted + " accepted in about " + seconds + " s");
            assertEquals(accepted, http.get("/api/v1/events?limit=100", auth[0], auth[1]).expect(200).json().size());
        } finally {
            pool.shutdownNow();
        }
    }
}

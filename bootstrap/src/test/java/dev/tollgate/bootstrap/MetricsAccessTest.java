package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus scrape endpoint is the operator's: it needs the internal secret, like /v1/internal/*. */
@MicronautTest(transactional = false)
class MetricsAccessTest extends HttpTest {
    static final String SECRET = "metrics-test-secret";

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.internal-secret", SECRET);
        return properties;
    }

    @Test
    void metricsNeedTheInternalSecretAsHeaderOrBearer() {
        var anonymous = http.get("/metrics").expect(401).conformsTo(PGBEAM);
        assertFalse(anonymous.body().contains("jvm_"), anonymous.body());
        http.get("/metrics/").expect(401);
        http.get("/metrics", "X-Internal-Secret", "wrong").expect(401).conformsTo(PGBEAM);
        http.get("/metrics", "Authorization", "Bearer wrong").expect(401).conformsTo(PGBEAM);
        // a customer's credential is not the operator's
        http.get("/metrics", "Authorization", "Bearer " + signUpOwner()).expect(401).conformsTo(PGBEAM);

        assertTrue(http.get("/metrics", "X-Internal-Secret", SECRET).expect(200).body().contains("# TYPE"));
        assertTrue(http.get("/metrics", "Authorization", "Bearer " + SECRET).expect(200).body().contains("# TYPE"));
        // the bearer form is for the scraper only: /v1/internal/* still wants the header
        assertEquals(401, http.post("/v1/internal/sync-plan", "{}", "Authorization", "Bearer " + SECRET).status());
    }

    /** Centrali's document names the scrape at its own base path: the same registry behind the same secret. */
    @Test
    void centralisMetricsPathIsTheSameScrapeBehindTheSameSecret() {
        String path = "/workspace/api/v1/metrics";
        var anonymous = http.get(path).expect(401).conformsTo(CENTRALI);
        assertEquals(401, anonymous.json().get("status").asInt());
        http.get(path, "Authorization", "Bearer " + signUpOwner()).expect(401).conformsTo(CENTRALI);
        var scraped = http.get(path, "X-Internal-Secret", SECRET).expect(200).conformsTo(CENTRALI);
        assertTrue(scraped.contentType().startsWith("text/plain"), scraped.contentType());
        assertTrue(scraped.body().contains("# TYPE"));
        assertTrue(http.get(path, "Authorization", "Bearer " + SECRET).expect(200).body().contains("# TYPE"));
    }
}

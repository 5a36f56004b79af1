package dev.tollgate.proxy.adapters.in.pgwire;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.application.port.out.DataClusters;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A data cluster (ADR 0054) holds every tenant's managed databases: a tenant may not register it as its own upstream,
 * under any loopback name, even where the operator allows loopback upstreams (tests do).
 */
@MicronautTest(transactional = false)
class DataClusterReservationTest extends HttpTest {
    @Inject
    DataClusters clusters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.data-clusters.primary.host", "localhost");
        properties.put("tollgate.data-clusters.primary.port", Integer.toString(UpstreamPostgres.port()));
        properties.put("tollgate.data-clusters.primary.admin-password", "not-used-here");
        return properties;
    }

    @Test
    void theConfiguredClusterIsKnownInTheLocalRegion() {
        assertEquals(1, clusters.all().size());
        assertEquals("primary", clusters.all().get(0).name());
        assertEquals(UpstreamPostgres.port(), clusters.inRegion("local").orElseThrow().port());
        assertTrue(clusters.all().get(0).toString().indexOf("not-used-here") < 0, "the password never shows in logs");
    }

    @Test
    void aTenantCannotAimItsUpstreamAtADataCluster() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"eve-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String org = signedUp.get("organization").get("id").asText();
        for (String host : new String[] {"localhost", "127.0.0.1", "127.0.0.9", "::1"}) {
            var refused = http.post("/v1/projects", """
                    {"name":"aimed","org_id":"%s","database":{"host":"%s","port":%d,"name":"postgres","username":"postgres",
                     "password":"x","ssl_mode":"disable"}}""".formatted(org, host, UpstreamPostgres.port()), auth);
            assertEquals(400, refused.status(), host + ": " + refused.body());
            refused.conformsTo(PGBEAM);
            assertTrue(refused.body().contains("data cluster"), refused.body());
        }
    }
}

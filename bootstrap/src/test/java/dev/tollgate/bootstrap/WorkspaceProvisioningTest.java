package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.CENTRALI;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A new workspace is provisioned in billing and entitlements by the deployable's steps, and says so. */
@MicronautTest(transactional = false)
class WorkspaceProvisioningTest extends HttpTest {
    @Value("${datasources.default.url}")
    String databaseUrl;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.outbox.poll-interval", "100ms");
        properties.put("tollgate.jobs.provisioning-interval", "100ms");
        return properties;
    }

    @Test
    void billingAndEntitlementsAreSetUpAfterSignUp() throws Exception {
        Account owner = Accounts.signUp(http, "FreshStart");
        JsonNode status = null;
        for (int i = 0; i < 200 && (status == null || !status.get("status").asText().equals("ready")); i++) {
            Thread.sleep(50);
            status = http.get("/workspace/api/v1/" + owner.orgSlug() + "/provision-status", owner.auth()).expect(200).conformsTo(CENTRALI).json();
        }
        assertEquals("ready", status.get("status").asText(), status.toString());
        assertEquals("ready", status.get("services").get("billing").asText());
        assertEquals("ready", status.get("services").get("entitlements").asText());
        // billing's step made the namespace's default profile before any billing request asked for one
        try (Connection c = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM billing.profiles p JOIN tenancy.organizations o ON o.id = p.namespace "
                     + "WHERE o.slug = ?")) {
            s.setString(1, owner.orgSlug());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertEquals(1, r.getInt(1));
            }
        }
    }
}

package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.QueryShapeReporter;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.DataClusterPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale's query-patterns report and schema recommendations against planetscale-platform.yaml (ADR 0060): real
 * queries through the proxy become insights; a hot read that scans a big table without an index becomes a
 * recommendation with its DDL, found in the generic plan on the production branch, and goes once the index exists.
 */
@MicronautTest(transactional = false)
class PlanetScaleSchemaAdviceContractTest extends HttpTest {
    @Inject
    PgWireServer proxy;
    @Inject
    QueryShapeReporter shapes;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(DataClusterPostgres.properties());
        return properties;
    }

    Connection connect(JsonNode password) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", password.get("username").asText());
        login.setProperty("password", password.get("plain_text").asText());
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/main", login);
    }

    @Test
    void aHotReadScanningABigTableIsRecommendedAnIndexUntilItHasOne() throws SQLException {
        Account owner = Accounts.signUp(http, "Advice");
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        String db = "/v1/organizations/" + owner.orgSlug() + "/databases/" + name;
        http.post("/v1/organizations/" + owner.orgSlug() + "/databases", "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        JsonNode admin = http.post(db + "/branches/main/passwords", "{\"role\":\"admin\"}", owner.auth()).expect(201).json();

        JsonNode pending = http.get(db + "/branches/main/query-patterns-report", owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertEquals("pending", pending.get("state").asText(), "nothing recorded yet");
        assertTrue(pending.get("id").asText().startsWith("qpr_"));
        assertEquals(0, http.get(db + "/schema-recommendations", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size());

        try (Connection c = connect(admin)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE customers (id serial PRIMARY KEY, email text, plan text)");
                s.execute("INSERT INTO customers (email, plan) SELECT 'c' || g || '@example.com', 'free' FROM generate_series(1, 5000) g");
                s.execute("ANALYZE customers");
            }
            try (PreparedStatement find = c.prepareStatement("SELECT id FROM customers WHERE email = ?")) {
                for (int i = 0; i < 20; i++) {
                    find.setString(1, "c" + i + "@example.com");
                    find.executeQuery().close();
                }
            }
        }
        assertTrue(shapes.flush());

        JsonNode report = http.get(db + "/branches/main/query-patterns-report", owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertEquals("complete", report.get("state").asText());
        assertEquals(pending.get("id").asText(), report.get("id").asText(), "one rolling report per branch");
        JsonNode recommendations = http.get(db + "/schema-recommendations", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(1, recommendations.size(), recommendations.toString());
        JsonNode index = recommendations.get(0);
        assertEquals("missing_index", index.get("type").asText());
        assertEquals("customers", index.get("table_name").asText());
        assertEquals("info", index.get("severity").asText());
        assertFalse(index.get("dismissed").asBoolean());
        assertTrue(index.get("description").asText().contains("CREATE INDEX CONCURRENTLY ON public.customers (email);"),
                index.get("description").asText());

        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX ON customers (email)");
        }
        assertEquals(0, http.get(db + "/schema-recommendations", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size(),
                "the index exists: nothing left to recommend");
    }

    @Test
    void credentialsComeFirstAndAnotherOrganizationsDatabaseIsNotFound() {
        Account owner = Accounts.signUp(http, "AdviceOwner");
        Account stranger = Accounts.signUp(http, "AdviceStranger");
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        String db = "/v1/organizations/" + owner.orgSlug() + "/databases/" + name;
        http.post("/v1/organizations/" + owner.orgSlug() + "/databases", "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        for (String path : new String[] {db + "/branches/main/query-patterns-report", db + "/schema-recommendations"}) {
            http.get(path).expect(401).conformsTo(PLANETSCALE);
            http.get(path, stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        }
        http.get(db + "/branches/nope/query-patterns-report", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        String missing = "/v1/organizations/" + owner.orgSlug() + "/databases/no-such-db";
        http.get(missing + "/branches/main/query-patterns-report", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(missing + "/schema-recommendations", owner.auth()).expect(404).conformsTo(PLANETSCALE);
    }
}

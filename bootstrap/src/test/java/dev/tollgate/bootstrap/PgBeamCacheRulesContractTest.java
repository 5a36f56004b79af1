package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.QueryShapeReporter;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PgBeam's cache rules against pgbeam-control-plane.json (ADR 0061): the shapes the proxy observed on a database, with
 * their statistics and recommendation, and the caching choice made per shape.
 */
@MicronautTest(transactional = false)
class PgBeamCacheRulesContractTest extends HttpTest {
    static final String PASSWORD = "rules-secret";
    @Inject
    PgWireServer proxy;
    @Inject
    QueryShapeReporter shapes;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.master-key", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return properties;
    }

    record Registered(String project, String database) {
    }

    Registered register(Account account) {
        JsonNode created = http.post("/v1/projects", """
                {"name":"rules-%s","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(UUID.randomUUID(), account.orgId(), UpstreamPostgres.port(), PASSWORD),
                account.auth()).expect(201).json();
        return new Registered(created.get("project").get("id").asText(), created.get("database").get("id").asText());
    }

    void traffic(Registered r) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + r.project());
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        login.setProperty("preferQueryMode", "simple");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
             Statement s = c.createStatement()) {
            for (int i = 0; i < 5; i++) {
                s.execute("SELECT " + i + " AS answer");
            }
            s.execute("CREATE TEMP TABLE scratch (id int)");
        }
    }

    static String rules(Registered r) {
        return "/v1/projects/" + r.project() + "/databases/" + r.database() + "/cache-rules";
    }

    @Test
    void observedShapesAreListedWithTheirStatisticsAndACachingChoiceCanBeMadePerShape() throws SQLException {
        Account owner = Accounts.signUp(http, "Rules");
        Registered r = register(owner);
        JsonNode none = http.get(rules(r), owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(0, none.get("entries").size(), "nothing observed yet");

        traffic(r);
        assertTrue(shapes.flush());
        JsonNode listed = http.get(rules(r), owner.auth()).expect(200).conformsTo(PGBEAM).json().get("entries");
        String select = QueryShape.of("SELECT 1 AS answer").id();
        JsonNode read = null;
        for (JsonNode e : listed) {
            if (e.get("query_hash").asText().equals(select)) {
                read = e;
            }
        }
        assertTrue(read != null, listed.toString());
        assertEquals("SELECT $1 AS answer", read.get("normalized_sql").asText());
        assertEquals("read", read.get("query_type").asText());
        assertEquals(5, read.get("call_count").asLong());
        assertFalse(read.get("cache_enabled").asBoolean(), "caching is opt-in per shape");
        assertTrue(read.get("cache_ttl_seconds").isNull());
        assertTrue(read.get("avg_response_bytes").asLong() > 0);

        JsonNode updated = http.put(rules(r) + "/" + select, "{\"cache_enabled\":true,\"cache_ttl_seconds\":60,\"cache_swr_seconds\":10}",
                owner.auth()).expect(200).conformsTo(PGBEAM).json().get("entry");
        assertTrue(updated.get("cache_enabled").asBoolean());
        assertEquals(60, updated.get("cache_ttl_seconds").asInt());
        assertEquals(10, updated.get("cache_swr_seconds").asInt());
        JsonNode off = http.put(rules(r) + "/" + select, "{\"cache_enabled\":false}", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertFalse(off.get("entry").get("cache_enabled").asBoolean());
        assertTrue(off.get("entry").get("cache_ttl_seconds").isNull(), "a rule is replaced whole");
        JsonNode page = http.get(rules(r) + "?page_size=1", owner.auth()).expect(200).conformsTo(PGBEAM).json();
        assertEquals(1, page.get("entries").size());
        assertTrue(page.hasNonNull("next_page_token"), "more than one shape: another page");

        http.put(rules(r) + "/0123456789abcdef", "{\"cache_enabled\":true}", owner.auth()).expect(404).conformsTo(PGBEAM); // never observed
        http.put(rules(r) + "/NOT-A-HASH", "{\"cache_enabled\":true}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.put(rules(r) + "/" + select, "{}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.put(rules(r) + "/" + select, "{\"cache_enabled\":true,\"cache_ttl_seconds\":86401}", owner.auth()).expect(400).conformsTo(PGBEAM);
        http.put(rules(r) + "/" + select, "{\"cache_enabled\":true,\"cache_swr_seconds\":-1}", owner.auth()).expect(400).conformsTo(PGBEAM);
    }

    Connection simple(Registered r) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + r.project());
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        login.setProperty("preferQueryMode", "simple");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
    }

    static int value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aShapeWithAnEnabledRuleIsServedFromTheCacheWithoutAnnotationAndOthersAreNot() throws SQLException {
        Account owner = Accounts.signUp(http, "RuleCache");
        Registered r = register(owner);
        String cached = "rules_cached_" + UUID.randomUUID().toString().replace("-", "");
        String plain = "rules_plain_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection upstream = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = upstream.createStatement()) {
            s.execute("CREATE TABLE " + cached + " (v int)");
            s.execute("INSERT INTO " + cached + " VALUES (1)");
            s.execute("CREATE TABLE " + plain + " (v int)");
            s.execute("INSERT INTO " + plain + " VALUES (1)");
        }
        String readCached = "SELECT v FROM " + cached;
        String readPlain = "SELECT v FROM " + plain;
        try (Connection c = simple(r)) {
            value(c, readCached);
            value(c, readPlain);
        }
        assertTrue(shapes.flush());
        http.put(rules(r) + "/" + QueryShape.of(readCached).id(), "{\"cache_enabled\":true,\"cache_ttl_seconds\":300}", owner.auth())
                .expect(200).conformsTo(PGBEAM);

        try (Connection c = simple(r)) { // rules reach the data plane with new connections
            assertEquals(1, value(c, readCached)); // a miss: stored
            assertEquals(1, value(c, readPlain));
            try (Connection upstream = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = upstream.createStatement()) {
                s.execute("UPDATE " + cached + " SET v = 2");
                s.execute("UPDATE " + plain + " SET v = 2");
            }
            assertEquals(1, value(c, readCached), "the enabled shape is answered from the cache: the change is not seen for its TTL");
            assertEquals(2, value(c, readPlain), "a shape without a rule is not cached");
        }
    }

    @Test
    void credentialsComeFirstAndAnotherOrganizationsDatabaseIsNotFound() {
        Account owner = Accounts.signUp(http, "RulesOwner");
        Account stranger = Accounts.signUp(http, "RulesStranger");
        Registered r = register(owner);
        String hash = QueryShape.of("SELECT 1").id();
        http.get(rules(r)).expect(401).conformsTo(PGBEAM);
        http.put(rules(r) + "/" + hash, "{\"cache_enabled\":true}").expect(401).conformsTo(PGBEAM);
        http.get(rules(r), stranger.auth()).expect(404).conformsTo(PGBEAM);
        http.put(rules(r) + "/" + hash, "{\"cache_enabled\":true}", stranger.auth()).expect(404).conformsTo(PGBEAM);
        String otherDatabase = "/v1/projects/" + r.project() + "/databases/db_00000000000000000000000000/cache-rules";
        http.get(otherDatabase, owner.auth()).expect(404).conformsTo(PGBEAM);
        http.put(otherDatabase + "/" + hash, "{\"cache_enabled\":true}", owner.auth()).expect(404).conformsTo(PGBEAM);
    }
}

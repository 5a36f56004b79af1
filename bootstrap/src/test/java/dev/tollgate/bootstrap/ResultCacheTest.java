package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.MetricsSnapshotReporter;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import dev.tollgate.proxy.adapters.in.pgwire.usage.QueryShapeReporter;
import dev.tollgate.proxy.domain.QueryShape;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.UpstreamPostgres;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The proxy's result cache (ADR 0059) against a real PostgreSQL: a value changed underneath the proxy, directly on
 * the upstream, stays hidden while the cached reply is fresh (the hit never reached a server) and shows after its TTL
 * on the application clock; stale-while-revalidate serves the old reply while exactly one client refreshes it.
 */
@MicronautTest(transactional = false)
class ResultCacheTest extends HttpTest {
    static final String PASSWORD = "cache-secret";
    @Inject
    PgWireServer proxy;
    @Inject
    MutableClock clock;
    @Inject
    MetricsSnapshotReporter reporter;
    @Inject
    QueryShapeReporter shapes;
    @Inject
    ProxyUsageReporter usage;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tollgate.test.clock", "mutable");
        return properties;
    }

    record Project(Accounts.Account owner, String id, String databaseId, String table) {
    }

    /** A project on the shared upstream with its own table {@code table(v int)} holding 1, and the cache settings given. */
    Project project(boolean enabled, int ttl, int swr) throws SQLException {
        Accounts.Account owner = Accounts.signUp(http, "Cache");
        JsonNode created = http.post("/v1/projects", """
                {"name":"cached-%s","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable","cache_config":{"enabled":%s,"ttl_seconds":%d,"max_entries":100,"swr_seconds":%d}}}"""
                .formatted(UUID.randomUUID(), owner.orgId(), UpstreamPostgres.get().getPort(), PASSWORD, enabled, ttl, swr), owner.auth())
                .expect(201).json();
        String table = "cached_" + UUID.randomUUID().toString().replace("-", "");
        direct("CREATE TABLE " + table + " (v int); INSERT INTO " + table + " VALUES (1)");
        return new Project(owner, created.get("project").get("id").asText(), created.get("database").get("id").asText(), table);
    }

    /** Straight to the upstream, around the proxy. */
    static void direct(String sql) throws SQLException {
        try (Connection c = UpstreamPostgres.get().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    Connection connect(Project p, String schema) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + p.id());
        login.setProperty("password", PASSWORD);
        login.setProperty("sslmode", "disable");
        login.setProperty("preferQueryMode", "simple");
        if (schema != null) {
            login.setProperty("currentSchema", schema);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres", login);
    }

    static int value(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertTrue(r.next());
            return r.getInt(1);
        }
    }

    static String cached(Project p) {
        return "/* @pgbeam:cache */ SELECT v FROM " + p.table();
    }

    @Test
    void aRepeatedReadIsServedFromTheCacheUntilItsTtl() throws Exception {
        Project p = project(true, 10, 0);
        try (Connection c = connect(p, null); Connection other = connect(p, null)) {
            assertEquals(1, value(c, cached(p)));
            direct("UPDATE " + p.table() + " SET v = 2");
            assertEquals(1, value(c, cached(p)), "a hit: the server was not asked");
            assertEquals(1, value(other, cached(p)), "the cache is the node's, shared by the database's clients");
            assertEquals(2, value(c, "SELECT v FROM " + p.table()), "without the annotation: not cached");
            clock.advance(Duration.ofSeconds(10));
            assertEquals(2, value(c, cached(p)), "past the ttl: asked again");
            direct("UPDATE " + p.table() + " SET v = 3");
            assertEquals(2, value(c, cached(p)), "and stored again");
        }
    }

    @Test
    void writesTransactionsOtherSettingsAndDisabledDatabasesAreNotServedFromTheCache() throws Exception {
        Project p = project(true, 60, 0);
        try (Connection c = connect(p, null)) {
            String write = "/* @pgbeam:cache */ UPDATE " + p.table() + " SET v = v + 1 RETURNING v";
            assertEquals(2, value(c, write));
            assertEquals(3, value(c, write), "a write is never cached");

            assertEquals(3, value(c, cached(p)));
            direct("UPDATE " + p.table() + " SET v = 4");
            c.setAutoCommit(false);
            assertEquals(4, value(c, cached(p)), "inside a transaction: always the server");
            c.commit();
            c.setAutoCommit(true);
            assertEquals(3, value(c, cached(p)), "outside again: the cached reply");
        }

        String schema = "cache_schema_" + UUID.randomUUID().toString().replace("-", "");
        direct("CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + "." + p.table() + " (v int); INSERT INTO " + schema + "."
                + p.table() + " VALUES (40)");
        try (Connection c = connect(p, schema + ",public")) {
            assertEquals(40, value(c, cached(p)), "another search_path: another entry");
            direct("UPDATE " + schema + "." + p.table() + " SET v = 41");
            assertEquals(40, value(c, cached(p)), "cached under this search_path");
        }
        try (Connection c = connect(p, null)) {
            assertEquals(3, value(c, cached(p)), "the default search_path's entry, untouched");
        }

        Project off = project(false, 60, 0);
        try (Connection c = connect(off, null)) {
            assertEquals(1, value(c, cached(off)));
            direct("UPDATE " + off.table() + " SET v = 2");
            assertEquals(2, value(c, cached(off)), "cache_config.enabled false: every query goes upstream");
        }
        // and turned on through the control plane: new clients of the database are served from the cache
        http.patch("/v1/projects/" + off.id() + "/databases/" + off.databaseId(),
                "{\"cache_config\":{\"enabled\":true,\"ttl_seconds\":60,\"max_entries\":100,\"swr_seconds\":0}}", off.owner().auth())
                .expect(200).conformsTo(PGBEAM);
        try (Connection c = connect(off, null)) {
            assertEquals(2, value(c, cached(off)));
            direct("UPDATE " + off.table() + " SET v = 3");
            assertEquals(2, value(c, cached(off)));
        }
    }

    @Test
    void aStaleReplyIsServedWhileExactlyOneClientRefreshesIt() throws Exception {
        Project p = project(true, 10, 30);
        String slow = "/* @pgbeam:cache */ SELECT v, pg_sleep(1) FROM " + p.table();
        try (Connection refresher = connect(p, null); Connection a = connect(p, null); Connection b = connect(p, null)) {
            assertEquals(1, value(a, slow));
            direct("UPDATE " + p.table() + " SET v = 2");
            clock.advance(Duration.ofSeconds(15)); // stale, within the window
            CompletableFuture<Integer> refreshed = CompletableFuture.supplyAsync(() -> {
                try {
                    return value(refresher, slow);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300); // the refresher's query is upstream now, sleeping
            long started = System.nanoTime();
            assertEquals(1, value(a, slow), "stale, served while the refresh runs");
            assertEquals(1, value(b, slow), "no second refresh: stale again");
            assertTrue(System.nanoTime() - started < 900_000_000L, "neither waited for pg_sleep(1)");
            assertEquals(2, refreshed.get(), "the one refresh asked the server");
            assertEquals(2, value(b, slow), "and its reply is what everyone gets now");
            direct("UPDATE " + p.table() + " SET v = 3");
            clock.advance(Duration.ofSeconds(41)); // past ttl and window
            assertEquals(3, value(a, slow), "expired: asked again");
        }
    }

    @Test
    void hitsAndMissesAreCountedInTheMetricsSnapshotsAndInsights() throws Exception {
        Project p = project(true, 60, 0);
        try (Connection c = connect(p, null)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(1, value(c, cached(p)));
            }
        }
        assertTrue(reporter.flush());
        StringBuilder seen = new StringBuilder();
        long queries = 0;
        long hits = 0;
        long misses = 0;
        for (JsonNode s : http.get("/v1/projects/" + p.id() + "/metrics?limit=1000", p.owner().auth()).expect(200).conformsTo(PGBEAM)
                .json().get("snapshots")) {
            queries += s.get("queries_total").asLong();
            hits += s.get("cache_hits").asLong();
            misses += s.get("cache_misses").asLong();
            seen.append(s).append('\n');
        }
        assertEquals(4, hits, "the first read missed, the four others hit: " + seen);
        assertEquals(queries - hits, misses, "every other query went upstream");

        // The day's usage (metered): the four hits, and the one cacheable read that missed.
        assertTrue(usage.flush());
        String day = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC).toString();
        long dayHits = 0;
        long dayMisses = 0;
        for (JsonNode row : http.get("/v1/projects/" + p.id() + "/usage?start_date=" + day + "&end_date=" + day, p.owner().auth())
                .expect(200).conformsTo(PGBEAM).json().get("usage")) {
            dayHits += row.get("cache_hits").asLong();
            dayMisses += row.get("cache_misses").asLong();
        }
        assertEquals(4, dayHits);
        assertEquals(1, dayMisses, "a cacheable read that went upstream");

        assertTrue(shapes.flush());
        JsonNode insights = http.get("/v1/projects/" + p.id() + "/insights", p.owner().auth()).expect(200).conformsTo(PGBEAM).json();
        String hash = QueryShape.of(cached(p)).id();
        JsonNode shape = null;
        for (JsonNode q : insights.get("queries")) {
            if (q.get("query_hash").asText().equals(hash)) {
                shape = q;
            }
        }
        assertTrue(shape != null, insights.toString());
        assertEquals(5, shape.get("total_count").asLong(), shape.toString());
        assertEquals(4, shape.get("total_cache_hits").asLong(), shape.toString());
        assertEquals(1, shape.get("total_cache_misses").asLong(), shape.toString());
        JsonNode cache = insights.get("cache");
        assertEquals(4, cache.get("total_hits").asLong(), insights.toString());
        assertTrue(cache.get("hit_rate").asDouble() > 0 && cache.get("hit_rate").asDouble() < 1, cache.toString());
        assertEquals(cache.get("total_hits").asLong() / cache.get("hit_rate").asDouble(),
                cache.get("total_hits").asLong() + cache.get("total_misses").asLong(), 0.01, cache.toString());
    }
}

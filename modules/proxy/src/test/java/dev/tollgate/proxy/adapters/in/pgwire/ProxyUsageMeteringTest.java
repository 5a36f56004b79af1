package dev.tollgate.proxy.adapters.in.pgwire;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.adapters.in.pgwire.usage.ProxyUsageReporter;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.testing.UpstreamPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Value;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy meters itself: real queries through the proxy become events in the system namespace, and PgBeam's
 * GetProjectUsage and GetOrganizationUsage read them back from the proxy meters, validated against the document.
 */
@MicronautTest(transactional = false)
class ProxyUsageMeteringTest extends HttpTest {
    static final String PASSWORD = "metered-secret";
    /** Both nodes of the shutdown test must open the upstream passwords the first one sealed. */
    static final String OPERATOR_SECRET = "operator-secret-for-tests";
    static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    @Inject
    PgWireServer proxy;
    @Inject
    ProxyUsageReporter reporter;
    @Value("${datasources.default.url}")
    String databaseUrl;
    String token;
    String orgId;
    String projectId;
    final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        // The tests flush by hand; the schedule must not race them.
        properties.put("tollgate.proxy.usage-flush-interval", "1h");
        properties.put("tollgate.master-key", MASTER_KEY);
        properties.put("tollgate.internal-secret", OPERATOR_SECRET);
        return properties;
    }

    @BeforeAll
    void registerProject() {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"metered-%s@example.com","password":"correct horse battery"}""".formatted(UUID.randomUUID())).expect(201).json();
        token = signedUp.get("access_token").asText();
        orgId = signedUp.get("organization").get("id").asText();
        projectId = http.post("/v1/projects", """
                {"name":"metered","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort(), PASSWORD),
                "Authorization", "Bearer " + token).expect(201).json().get("project").get("id").asText();
    }

    private static Connection connect(int port, String projectId) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres." + projectId);
        p.setProperty("password", PASSWORD);
        p.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    /** Opens a connection, runs {@code statements} simple queries, closes it and reports the usage. */
    private void runQueries(int statements) throws SQLException {
        try (Connection c = connect(proxy.port(), projectId); Statement s = c.createStatement()) {
            for (int i = 0; i < statements; i++) {
                s.execute("SELECT " + i);
            }
        }
        assertTrue(reporter.flush());
    }

    /** Today's row for region "local", or null before any traffic. */
    private JsonNode projectUsageToday() {
        JsonNode usage = http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today,
                "Authorization", "Bearer " + token).expect(200).conformsTo(PGBEAM).json().get("usage");
        // Only this node's region (the shutdown test adds another).
        for (JsonNode row : usage) {
            if (row.get("region").asText().equals("local")) {
                return row;
            }
        }
        return null;
    }

    private long queriesToday() {
        JsonNode row = projectUsageToday();
        return row == null ? 0 : row.get("queries_total").asLong();
    }

    @Test
    void queriesThroughTheProxyAppearInProjectAndOrganizationUsageExactly() throws Exception {
        long before = queriesToday();
        runQueries(0);
        long perConnection = queriesToday() - before; // what the driver itself sends while connecting
        runQueries(25);
        assertEquals(before + 2 * perConnection + 25, queriesToday());

        JsonNode row = projectUsageToday();
        assertEquals(today, row.get("day").asText());
        assertEquals("local", row.get("region").asText());
        assertTrue(row.get("bytes_transferred").asLong() > 25 * 10, row.toString());
        assertEquals(0, row.get("cache_hits").asLong());

        // The organization view: every day of the range, today's row summing the project over its regions.
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        long projectQueries = 0;
        long projectBytes = 0;
        for (JsonNode regionRow : http.get("/v1/projects/" + projectId + "/usage?start_date=" + yesterday + "&end_date=" + today,
                "Authorization", "Bearer " + token).expect(200).json().get("usage")) {
            assertEquals(today, regionRow.get("day").asText());
            projectQueries += regionRow.get("queries_total").asLong();
            projectBytes += regionRow.get("bytes_transferred").asLong();
        }
        JsonNode org = http.get("/v1/organizations/" + orgId + "/usage?start_date=" + yesterday + "&end_date=" + today,
                "Authorization", "Bearer " + token).expect(200).conformsTo(PGBEAM).json().get("usage");
        assertEquals(2, org.size());
        assertEquals(yesterday, org.get(0).get("day").asText());
        assertEquals(0, org.get(0).get("queries_total").asLong());
        assertEquals(projectQueries, org.get(1).get("queries_total").asLong());
        assertEquals(projectBytes, org.get(1).get("bytes_transferred").asLong());
    }

    @Test
    void theOrganizationIsACustomerOfTheSystemNamespace() throws Exception {
        try (Connection db = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT c.name, a.value FROM tenancy.customers c JOIN tenancy.customer_attributions a ON a.customer_id = c.id
                     WHERE c.namespace = '00000000-0000-0000-0000-000000000000' AND c.key = '%s'""".formatted(orgId))) {
            assertTrue(rs.next(), "no system customer for " + orgId);
            assertEquals(orgId, rs.getString(2));
        }
    }

    @Test
    void theOperatorQueriesTheSystemNamespaceAndNothingElse() throws Exception {
        runQueries(3);
        String[] operator = {"X-Internal-Secret", OPERATOR_SECRET};
        JsonNode customers = http.get("/api/v1/customers?pageSize=100", operator).expect(200)
                .conformsTo(dev.tollgate.testing.ApiContract.Document.OPENMETER).json();
        assertTrue(customers.toString().contains("\"key\":\"" + orgId + "\""), customers.toString());
        JsonNode queries = http.get("/api/v1/meters/proxy_queries/query?subject=" + orgId + "&groupBy=project_id", operator)
                .expect(200).conformsTo(dev.tollgate.testing.ApiContract.Document.OPENMETER).json().get("data");
        assertEquals(projectId, queries.get(0).get("groupBy").get("project_id").asText());
        assertTrue(queries.get(0).get("value").asLong() >= 3, queries.toString());
        // The operator is not a member of any organization, and a wrong secret is no credential.
        http.get("/v1/organizations/" + orgId, operator).expect(404);
        http.get("/api/v1/customers", "X-Internal-Secret", "wrong").expect(401);
    }

    @Test
    void connectionTimeIsMeteredWhileClientsStayConnected() throws Exception {
        try (Connection c = connect(proxy.port(), projectId)) {
            Thread.sleep(1_600);
            assertTrue(reporter.flush());
            assertTrue(projectUsageToday().get("connection_seconds").asLong() >= 2, projectUsageToday().toString());
        }
    }

    @Test
    void usageRequestsAreValidated() {
        String[] auth = {"Authorization", "Bearer " + token};
        JsonNode missing = http.get("/v1/projects/" + projectId + "/usage?end_date=" + today, auth).expect(400).conformsTo(PGBEAM).json();
        assertTrue(missing.get("error").get("message").asText().contains("start_date"), missing.toString());
        JsonNode malformed = http.get("/v1/organizations/" + orgId + "/usage?start_date=2024-13-01&end_date=" + today, auth)
                .expect(400).conformsTo(PGBEAM).json();
        assertTrue(malformed.get("error").get("message").asText().contains("2024-13-01"), malformed.toString());
        JsonNode backwards = http.get("/v1/organizations/" + orgId + "/usage?start_date=2024-02-01&end_date=2024-01-31", auth)
                .expect(400).conformsTo(PGBEAM).json();
        assertTrue(backwards.get("error").get("message").asText().contains("before start_date"), backwards.toString());
        http.get("/v1/organizations/" + orgId + "/usage?start_date=2024-01-01&end_date=2024-06-01", auth).expect(400).conformsTo(PGBEAM);

        // Another organization sees neither the project nor the organization's usage.
        String stranger = signUpOwner();
        http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today,
                "Authorization", "Bearer " + stranger).expect(404).conformsTo(PGBEAM);
        // Not 403: to a non-member every organization route answers 404, so an id tells nothing (docs/security.md).
        http.get("/v1/organizations/" + orgId + "/usage?start_date=" + today + "&end_date=" + today,
                "Authorization", "Bearer " + stranger).expect(404).conformsTo(PGBEAM);
        http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today).expect(401);
    }

    @Test
    void aCleanShutdownReportsWhatItsOpenClientsUsed() throws Exception {
        // A second node on the same database, stopped while its client is still connected.
        long queries;
        try (ApplicationContext node = ApplicationContext.run(Map.of(
                "datasources.default.url", databaseUrl, "datasources.default.username", "postgres",
                "datasources.default.password", "postgres", "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.dialect", "POSTGRES", "tollgate.proxy.port", "0", "tollgate.region", "second-node",
                "tollgate.proxy.usage-flush-interval", "1h", "tollgate.master-key", MASTER_KEY,
                "tollgate.proxy.allowed-upstreams", "127.0.0.0/8"), "test")) {
            Connection c = connect(node.getBean(PgWireServer.class).port(), projectId);
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < 7; i++) {
                    s.execute("SELECT " + i);
                }
            }
            queries = 7;
            Thread.sleep(1_100);
            // The node stops with the client connected; its last report counts the queries and the connection time.
        }
        try (Connection db = DriverManager.getConnection(databaseUrl, "postgres", "postgres");
             Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT sum((data->>'queries')::bigint), sum((data->>'connection_seconds')::numeric)
                     FROM metering.events
                     WHERE namespace = '00000000-0000-0000-0000-000000000000' AND data->>'region' = 'second-node'
                       AND data->>'project_id' = '%s'""".formatted(projectId))) {
            rs.next();
            assertTrue(rs.getLong(1) >= queries, "queries " + rs.getLong(1));
            assertTrue(rs.getBigDecimal(2).doubleValue() >= 1.0, "connection seconds " + rs.getBigDecimal(2));
        }
        JsonNode regions = http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today,
                "Authorization", "Bearer " + token).expect(200).conformsTo(PGBEAM).json().get("usage");
        assertTrue(regions.toString().contains("\"second-node\""), regions.toString());
    }
}

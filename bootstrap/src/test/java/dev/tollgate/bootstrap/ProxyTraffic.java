package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.OPENMETER;
import static dev.tollgate.testing.ApiContract.Document.PGBEAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tollgate.testing.TestHttp;
import dev.tollgate.testing.UpstreamPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Properties;

/** Queries through the proxy, and what PgBeam's usage says of them, for the tests that watch them metered and billed. */
final class ProxyTraffic {
    private ProxyTraffic() {
    }

    /** {@code count} one-row SELECTs on a project's database as its registered {@code postgres} user, over plain TCP. */
    static void selects(int proxyPort, String projectId, String password, int count) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres." + projectId);
        login.setProperty("password", password);
        login.setProperty("sslmode", "disable");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxyPort + "/postgres", login);
             Statement s = c.createStatement()) {
            for (int i = 0; i < count; i++) {
                s.execute("SELECT " + i);
            }
        }
    }

    /**
     * The operator reprices pro: a new version without the trial, every query at {@code perQuery} dollars and no
     * allowance, so a handful of queries makes a visible amount.
     */
    static void priceProQueries(TestHttp http, String perQuery, String... operator) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode draft = http.post("/api/v1/plans/pro/next", "", operator).expect(201).conformsTo(OPENMETER).json();
        ObjectNode update = json.createObjectNode();
        update.put("name", draft.get("name").asText());
        update.put("billingCadence", draft.get("billingCadence").asText());
        if (draft.hasNonNull("metadata")) {
            update.set("metadata", draft.get("metadata")); // a PUT replaces it: the tier's marks (self-serve, ...) stay
        }
        ArrayNode phases = update.putArray("phases");
        ObjectNode main = (ObjectNode) draft.get("phases").get(draft.get("phases").size() - 1).deepCopy();
        for (JsonNode card : main.get("rateCards")) {
            if (card.get("key").asText().equals("queries")) {
                ((ObjectNode) card).set("price", json.createObjectNode().put("type", "unit").put("amount", perQuery));
                ((ObjectNode) card).remove("discounts");
            }
        }
        phases.add(main);
        http.put("/api/v1/plans/" + draft.get("id").asText(), update.toString(), operator).expect(200).conformsTo(OPENMETER);
        http.post("/api/v1/plans/" + draft.get("id").asText() + "/publish", "", operator).expect(200).conformsTo(OPENMETER);
    }

    /** An organization signed up, with a project on the upstream database, moved to pro; its plan's usage counts from now. */
    record ProOrganization(String orgId, String slug, String projectId, String[] auth) {
    }

    static ProOrganization proOrganization(TestHttp http, String password, String... operator) throws InterruptedException {
        JsonNode signedUp = http.post("/v1/auth/signup", """
                {"email":"usage-%s@example.com","password":"correct horse battery","organization_name":"Usage Inc"}
                """.formatted(java.util.UUID.randomUUID())).expect(201).json();
        String[] auth = {"Authorization", "Bearer " + signedUp.get("access_token").asText()};
        String orgId = signedUp.get("organization").get("id").asText();
        String projectId = http.post("/v1/projects", """
                {"name":"billed","org_id":"%s","database":{"host":"127.0.0.1","port":%d,"name":"postgres","username":"postgres",
                 "password":"%s","ssl_mode":"disable"}}""".formatted(orgId, UpstreamPostgres.get().getPort(), password), auth)
                .expect(201).json().get("project").get("id").asText();
        http.post("/v1/internal/sync-plan", """
                {"org_id":"%s","plan":"pro","status":"active","stripe_customer_id":"cus_1","stripe_subscription_id":"sub_1"}"""
                .formatted(orgId), operator).expect(200).conformsTo(PGBEAM);
        JsonNode pro = http.get("/api/v1/customers/" + orgId + "/subscriptions?orderBy=activeFrom&order=ASC", operator).expect(200)
                .conformsTo(OPENMETER).json().get("items").get(1);
        java.time.Instant start = java.time.Instant.parse(pro.get("activeFrom").asText());
        while (!java.time.Instant.now().isAfter(start.plusMillis(1100))) {
            Thread.sleep(100); // usage counts from the subscription's start, to the second
        }
        return new ProOrganization(orgId, signedUp.get("organization").get("slug").asText(), projectId, auth);
    }

    /** The project's usage today (UTC) as PgBeam's GetProjectUsage reports it, summed over regions: the row's field. */
    static long today(TestHttp http, String projectId, String field, String... auth) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        long total = 0;
        for (JsonNode row : http.get("/v1/projects/" + projectId + "/usage?start_date=" + today + "&end_date=" + today, auth).expect(200)
                .json().get("usage")) {
            total += row.get(field).asLong();
        }
        return total;
    }
}

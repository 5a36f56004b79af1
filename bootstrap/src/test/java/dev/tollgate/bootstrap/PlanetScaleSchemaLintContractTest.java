package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.DataClusterPostgres;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale's lintBranchSchema against planetscale-platform.yaml (ADR 0071): a fixture schema with one of each defect
 * is made through the proxy on a real branch, and each comes back as its finding from the branch's catalog; a branch
 * without tables has nothing to say. Access is the branch read's.
 */
@MicronautTest(transactional = false)
class PlanetScaleSchemaLintContractTest extends HttpTest {
    @Inject
    PgWireServer proxy;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(DataClusterPostgres.properties());
        return properties;
    }

    Connection connect(JsonNode password, String branch) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", password.get("username").asText());
        login.setProperty("password", password.get("plain_text").asText());
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + branch, login);
    }

    private static String database(Account owner, String name) {
        return "/v1/organizations/" + owner.orgSlug() + "/databases/" + name;
    }

    private String newDatabase(Account owner) {
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/v1/organizations/" + owner.orgSlug() + "/databases", "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        return database(owner, name);
    }

    @Test
    void eachDefectOfTheFixtureSchemaIsReportedFromTheBranchCatalog() throws SQLException {
        Account owner = Accounts.signUp(http, "Lint");
        String db = newDatabase(owner);
        http.post(db + "/branches", "{\"name\":\"dev\"}", owner.auth()).expect(201);
        JsonNode admin = http.post(db + "/branches/main/passwords", "{\"role\":\"admin\"}", owner.auth()).expect(201).json();

        JsonNode clean = http.get(db + "/branches/main/schema-lint", owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertEquals(0, clean.get("data").size(), "a branch without tables: " + clean);

        try (Connection c = connect(admin, "main"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now(), name varchar)");
            s.execute("CREATE INDEX customers_email_a ON customers (email)");
            s.execute("CREATE INDEX customers_email_b ON customers (email)"); // a duplicate
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),"
                    + " note varchar(200), placed_at timestamp, total numeric)"); // unindexed FK, varchar(200), timestamp
            s.execute("CREATE INDEX orders_placed ON orders (placed_at)"); // redundant beside the next
            s.execute("CREATE INDEX orders_placed_total ON orders (placed_at, total)");
            s.execute("CREATE TABLE order_lines (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), qty int)");
            s.execute("CREATE INDEX order_lines_order ON order_lines (order_id, qty)"); // supports its FK
            s.execute("CREATE TABLE audit_log (message text, at timestamptz)"); // no primary key
            s.execute("CREATE TABLE \"user\" (id int PRIMARY KEY, \"order\" int)"); // reserved words
            s.execute("CREATE TABLE imports (id int PRIMARY KEY, code text)");
            s.execute("INSERT INTO imports VALUES (1, 'x'), (2, 'x')");
            // A unique index built concurrently over duplicate data fails and leaves an invalid index behind.
            SQLException failed = assertThrows(SQLException.class, () -> s.execute("CREATE UNIQUE INDEX CONCURRENTLY imports_code ON imports (code)"));
            assertEquals("23505", failed.getSQLState(), failed.getMessage());
        }

        JsonNode data = http.get(db + "/branches/main/schema-lint", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        List<String> found = new ArrayList<>();
        for (JsonNode f : data) {
            found.add(f.get("lint_error").asText() + " " + f.get("subject_type").asText() + " " + f.get("table_name").asText()
                    + (f.has("column_name") ? " " + f.get("column_name").asText() : ""));
            assertTrue(f.get("docs_url").asText().startsWith("https://www.postgresql.org/docs/"), f.toString());
            assertFalse(f.get("error_description").asText().isBlank(), f.toString());
            assertFalse(f.has("column_name") && f.get("column_name").isNull(), "the document marks nothing nullable: " + f);
        }
        assertEquals(List.of(
                "NO_PRIMARY_KEY table audit_log",
                "DUPLICATE_INDEX index customers email",
                "INVALID_INDEX index imports code",
                "UNINDEXED_FOREIGN_KEY foreign_key orders customer_id",
                "REDUNDANT_INDEX index orders placed_at",
                "VARCHAR_LENGTH column orders note",
                "TIMESTAMP_WITHOUT_TIME_ZONE column orders placed_at",
                "RESERVED_WORD table user",
                "RESERVED_WORD column user order"), found, data.toString());
        assertTrue(data.get(1).get("error_description").asText().contains("customers_email_b of customers duplicates customers_email_a"),
                data.get(1).toString());
        assertTrue(data.get(2).get("error_description").asText().contains("DROP INDEX CONCURRENTLY imports_code;"), data.get(2).toString());
        assertTrue(data.get(3).get("error_description").asText().contains("CREATE INDEX CONCURRENTLY ON orders (customer_id);"),
                data.get(3).toString());
        assertTrue(data.get(4).get("error_description").asText().contains("covered by orders_placed_total"), data.get(4).toString());
        assertEquals(new TreeSet<>(List.of("column", "foreign_key", "index", "table")),
                new TreeSet<>(data.findValuesAsText("subject_type")));

        assertEquals(0, http.get(db + "/branches/dev/schema-lint", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size(),
                "dev was branched before the fixture: each branch is linted from its own database");

        try (Connection c = connect(admin, "main"); Statement s = c.createStatement()) {
            s.execute("DROP INDEX CONCURRENTLY imports_code");
            s.execute("DROP INDEX customers_email_b");
            s.execute("CREATE INDEX ON orders (customer_id)");
        }
        List<String> after = new ArrayList<>();
        http.get(db + "/branches/main/schema-lint", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data")
                .forEach(f -> after.add(f.get("lint_error").asText()));
        assertEquals(List.of("NO_PRIMARY_KEY", "REDUNDANT_INDEX", "VARCHAR_LENGTH", "TIMESTAMP_WITHOUT_TIME_ZONE", "RESERVED_WORD",
                "RESERVED_WORD"), after, "what was fixed is gone");
    }

    @Test
    void serviceTokensNeedTheBranchReadsAccess() {
        Account owner = Accounts.signUp(http, "LintTokens");
        String db = newDatabase(owner);
        String org = "/v1/organizations/" + owner.orgSlug();
        JsonNode reader = http.post(org + "/service-tokens", "{\"name\":\"reader\"}", owner.auth()).expect(201).json();
        http.post(org + "/service-tokens/" + reader.get("id").asText() + "/accesses", "{\"access\":\"read_databases\"}", owner.auth())
                .expect(201);
        String[] asReader = {"Authorization", "ServiceToken " + reader.get("id").asText() + ":" + reader.get("token").asText()};
        http.get(db + "/branches/main", asReader).expect(200).conformsTo(PLANETSCALE);
        http.get(db + "/branches/main/schema-lint", asReader).expect(200).conformsTo(PLANETSCALE);

        JsonNode other = http.post(org + "/service-tokens", "{\"name\":\"org only\"}", owner.auth()).expect(201).json();
        http.post(org + "/service-tokens/" + other.get("id").asText() + "/accesses", "{\"access\":\"read_organization\"}", owner.auth())
                .expect(201);
        String[] asOther = {"Authorization", "ServiceToken " + other.get("id").asText() + ":" + other.get("token").asText()};
        http.get(db + "/branches/main", asOther).expect(401).conformsTo(PLANETSCALE);
        JsonNode refused = http.get(db + "/branches/main/schema-lint", asOther).expect(401).conformsTo(PLANETSCALE).json();
        assertTrue(refused.hasNonNull("code") && refused.hasNonNull("message"), refused.toString());
    }

    @Test
    void credentialsComeFirstAndAnotherOrganizationsBranchIsNotFound() {
        Account owner = Accounts.signUp(http, "LintOwner");
        Account stranger = Accounts.signUp(http, "LintStranger");
        String db = newDatabase(owner);
        String path = db + "/branches/main/schema-lint";
        http.get(path).expect(401).conformsTo(PLANETSCALE);
        http.get(path, stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(path.replace(owner.orgSlug(), stranger.orgSlug()), stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(db + "/branches/nope/schema-lint", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get("/v1/organizations/" + owner.orgSlug() + "/databases/no-such-db/branches/main/schema-lint", owner.auth()).expect(404)
                .conformsTo(PLANETSCALE);
    }
}

package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.DataClusterPostgres;
import dev.tollgate.testing.HttpTest;
import dev.tollgate.testing.MutableClock;
import dev.tollgate.testing.MutableClockFactory;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale's managed databases, branches, passwords and role credentials against planetscale-platform.yaml
 * (ADR 0056), on a real data cluster, reached by the PostgreSQL JDBC driver through the proxy with the credentials the
 * API hands out. What each credential may do is enforced by PostgreSQL itself.
 */
@MicronautTest(transactional = false)
class PlanetScaleManagedDatabasesContractTest extends HttpTest {
    @Inject
    PgWireServer proxy;
    @Inject
    MutableClock clock;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(DataClusterPostgres.properties());
        properties.put(MutableClockFactory.PROPERTY, "mutable");
        return properties;
    }

    static String databases(Account account) {
        return "/v1/organizations/" + account.orgSlug() + "/databases";
    }

    static String name() {
        return "db-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A connection through the proxy as a managed credential: the user name alone names the project. */
    Connection connect(String username, String password, String database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", username);
        login.setProperty("password", password);
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database, login);
    }

    static void sql(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether the data cluster holds a database with this name (straight to the cluster, not through the proxy). */
    static boolean onCluster(String like) throws SQLException {
        try (Connection c = DataClusterPostgres.get().getPostgresDatabase().getConnection();
             var s = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname LIKE ?")) {
            s.setString(1, like);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    JsonNode password(Account owner, String database, String branch, String body) {
        return http.post(databases(owner) + "/" + database + "/branches/" + branch + "/passwords", body, owner.auth())
                .expect(201).conformsTo(PLANETSCALE).json();
    }

    @Test
    void aDatabaseIsCreatedOnTheDataClusterAndItsPasswordsAreRealRolesEnforcedByPostgreSQL() throws SQLException {
        Account owner = Accounts.signUp(http, "Managed");
        http.get(databases(owner), owner.auth()).expect(200).conformsTo(PLANETSCALE); // [] before the first
        String name = name();
        JsonNode created = http.post(databases(owner), """
                {"name":"%s","plan":"scaler","cluster_size":"PG_SMALL"}""".formatted(name), owner.auth())
                .expect(201).conformsTo(PLANETSCALE).json();
        assertEquals(name, created.get("name").asText());
        assertEquals("ready", created.get("state").asText());
        assertEquals("scaler", created.get("plan").asText());
        assertEquals("PG_SMALL", created.get("cluster_size").asText());
        assertEquals("main", created.get("default_branch").asText());
        assertEquals("local", created.get("region").get("slug").asText());
        assertTrue(created.get("id").asText().startsWith("prj_"), "a PlanetScale database is a Tollgate project");

        JsonNode listed = http.get(databases(owner), owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(1, listed.size());
        http.get(databases(owner) + "/" + name, owner.auth()).expect(200).conformsTo(PLANETSCALE);
        JsonNode branches = http.get(databases(owner) + "/" + name + "/branches", owner.auth()).expect(200).conformsTo(PLANETSCALE)
                .json().get("data");
        assertEquals(1, branches.size());
        assertEquals("main", branches.get(0).get("name").asText());
        assertTrue(branches.get(0).get("production").asBoolean());
        assertTrue(branches.get(0).get("ready").asBoolean());
        assertEquals("PG_SMALL", branches.get(0).get("cluster_rate_name").asText());

        http.get(databases(owner) + "/" + name + "/branches/main/passwords", owner.auth()).expect(200).conformsTo(PLANETSCALE);
        JsonNode admin = password(owner, name, "main", "{\"name\":\"migrations\",\"role\":\"admin\"}");
        assertEquals("admin", admin.get("role").asText());
        assertEquals("main", admin.get("database_branch").asText());
        assertFalse(admin.get("renewable").asBoolean());
        assertFalse(admin.has("expires_at"), "no expiry");
        assertTrue(admin.get("connection_strings").get("general").asText().startsWith("postgresql://" + admin.get("username").asText()));
        JsonNode reader = password(owner, name, "main", "{\"role\":\"reader\"}");

        try (Connection c = connect(admin.get("username").asText(), admin.get("plain_text").asText(), "main")) {
            sql(c, "CREATE TABLE orders (id serial PRIMARY KEY, total int)");
            sql(c, "INSERT INTO orders (total) VALUES (10), (20)");
        }
        try (Connection c = connect(reader.get("username").asText(), reader.get("plain_text").asText(), "main")) {
            assertEquals(2, count(c, "SELECT count(*) FROM orders"));
            SQLException denied = assertThrows(SQLException.class, () -> sql(c, "INSERT INTO orders (total) VALUES (30)"));
            assertEquals("42501", denied.getSQLState(), "a reader is refused by PostgreSQL itself");
        }
        SQLException wrong = assertThrows(SQLException.class, () -> connect(reader.get("username").asText(), "not-the-password", "main"));
        assertEquals("28P01", wrong.getSQLState());

        // The plaintext is shown once: never in a read.
        JsonNode read = http.get(databases(owner) + "/" + name + "/branches/main/passwords/" + reader.get("id").asText(), owner.auth())
                .expect(200).conformsTo(PLANETSCALE).json();
        assertFalse(read.has("plain_text"));
        assertEquals(2, http.get(databases(owner) + "/" + name + "/branches/main/passwords", owner.auth()).expect(200).json()
                .get("data").size());

        // A deleted password is a dropped role: it logs in nowhere.
        http.delete(databases(owner) + "/" + name + "/branches/main/passwords/" + reader.get("id").asText(), owner.auth())
                .expect(204).conformsTo(PLANETSCALE);
        assertThrows(SQLException.class, () -> connect(reader.get("username").asText(), reader.get("plain_text").asText(), "main"));
        http.get(databases(owner) + "/" + name + "/branches/main/passwords/" + reader.get("id").asText(), owner.auth())
                .expect(404).conformsTo(PLANETSCALE);

        // Role credentials are logins too.
        JsonNode role = http.post(databases(owner) + "/" + name + "/branches/main/roles", "{\"name\":\"app\",\"role\":\"readwriter\"}",
                owner.auth()).expect(201).conformsTo(PLANETSCALE).json();
        assertEquals("readwriter", role.get("role").asText());
        try (Connection c = connect(role.get("username").asText(), role.get("password").asText(), "main")) {
            sql(c, "INSERT INTO orders (total) VALUES (30)");
            assertEquals(3, count(c, "SELECT count(*) FROM orders"));
            assertEquals("42501", assertThrows(SQLException.class, () -> sql(c, "DROP TABLE orders")).getSQLState());
        }

        // Deleting the database drops its branches' databases and roles from the cluster.
        String clusterDatabase;
        try (Connection c = connect(admin.get("username").asText(), admin.get("plain_text").asText(), "main");
             ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
            rs.next();
            clusterDatabase = rs.getString(1);
        }
        assertTrue(onCluster(clusterDatabase));
        http.delete(databases(owner) + "/" + name, owner.auth()).expect(204).conformsTo(PLANETSCALE);
        http.get(databases(owner) + "/" + name, owner.auth()).expect(404).conformsTo(PLANETSCALE);
        assertFalse(onCluster(clusterDatabase));
        assertThrows(SQLException.class, () -> connect(admin.get("username").asText(), admin.get("plain_text").asText(), "main"));
        assertEquals(0, http.get(databases(owner), owner.auth()).expect(200).json().get("data").size());
    }

    @Test
    void aBranchCopiesItsParentsSchemaAndItsRowsOnlyWithDataBranching() throws SQLException {
        Account owner = Accounts.signUp(http, "Branching");
        String name = name();
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        JsonNode admin = password(owner, name, "main", "{\"role\":\"admin\"}");
        try (Connection c = connect(admin.get("username").asText(), admin.get("plain_text").asText(), "main")) {
            sql(c, "CREATE TABLE plans (id serial PRIMARY KEY, name text)");
            sql(c, "INSERT INTO plans (name) VALUES ('pro')");
        }
        String branches = databases(owner) + "/" + name + "/branches";
        JsonNode dev = http.post(branches, "{\"name\":\"dev\"}", owner.auth()).expect(201).conformsTo(PLANETSCALE).json();
        assertEquals("main", dev.get("parent_branch").asText());
        assertFalse(dev.get("production").asBoolean());
        assertTrue(dev.get("ready").asBoolean());
        JsonNode devAdmin = password(owner, name, "dev", "{\"role\":\"admin\"}");
        try (Connection c = connect(devAdmin.get("username").asText(), devAdmin.get("plain_text").asText(), "dev")) {
            assertEquals(0, count(c, "SELECT count(*) FROM plans"), "schema only");
            sql(c, "ALTER TABLE plans ADD COLUMN price int"); // the branch's own
        }
        try (Connection c = connect(admin.get("username").asText(), admin.get("plain_text").asText(), "main")) {
            assertEquals(0, count(c, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'plans' AND column_name = 'price'"),
                    "a branch's change stays in the branch");
        }
        assertThrows(SQLException.class, () -> connect(admin.get("username").asText(), admin.get("plain_text").asText(), "dev"),
                "a credential reaches its own branch only");

        http.post(branches, "{\"name\":\"seeded\",\"seed_data\":\"last_successful_backup\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        JsonNode settings = http.patch(databases(owner) + "/" + name, "{\"allow_data_branching\":true,\"migration_framework\":\"flyway\"}",
                owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertTrue(settings.get("allow_data_branching").asBoolean());
        assertEquals("flyway", settings.get("migration_framework").asText());
        http.post(branches, "{\"name\":\"seeded\",\"seed_data\":\"last_successful_backup\",\"cluster_size\":\"PG_MEDIUM\"}", owner.auth())
                .expect(201).conformsTo(PLANETSCALE);
        JsonNode seededReader = password(owner, name, "seeded", "{\"role\":\"reader\"}");
        try (Connection c = connect(seededReader.get("username").asText(), seededReader.get("plain_text").asText(), "seeded")) {
            assertEquals(1, count(c, "SELECT count(*) FROM plans"), "data branching copies the rows");
        }
        assertEquals(3, http.get(branches, owner.auth()).expect(200).json().get("data").size());
        JsonNode resized = http.patch(branches + "/dev", "{\"cluster_size\":\"PG_LARGE\"}", owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertEquals("PG_LARGE", resized.get("cluster_rate_name").asText());
        http.get(branches + "/dev", owner.auth()).expect(200).conformsTo(PLANETSCALE);

        http.delete(branches + "/main", owner.auth()).expect(422).conformsTo(PLANETSCALE); // production branches stay
        http.delete(branches + "/dev", owner.auth()).expect(204).conformsTo(PLANETSCALE);
        http.get(branches + "/dev", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        assertThrows(SQLException.class, () -> connect(devAdmin.get("username").asText(), devAdmin.get("plain_text").asText(), "dev"));
        try (Connection c = connect(admin.get("username").asText(), admin.get("plain_text").asText(), "main")) {
            assertEquals(1, count(c, "SELECT count(*) FROM plans"), "the parent is untouched");
        }
        http.delete(databases(owner) + "/" + name, owner.auth()).expect(204);
    }

    @Test
    void aParentIsCopiedWithItsPoolsPausedAndASessionHoldingItIsReportedNotInterrupted() throws SQLException {
        Account owner = Accounts.signUp(http, "Busy");
        String name = name();
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        JsonNode admin = password(owner, name, "main", "{\"role\":\"admin\"}");
        String user = admin.get("username").asText();
        String secret = admin.get("plain_text").asText();
        String branches = databases(owner) + "/" + name + "/branches";
        http.post(branches + "/main/bouncers", "{\"name\":\"sessions\",\"pool_mode\":\"session\"}", owner.auth()).expect(201);
        try (Connection pooled = connect(user, secret, "main"); Connection held = connect(user + "|sessions", secret, "main")) {
            sql(pooled, "CREATE TABLE jobs (id int)");
            sql(held, "SET application_name = 'kept'"); // a session-mode client holds its server connection
            String refused = http.post(branches, "{\"name\":\"dev\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE).body();
            assertTrue(refused.contains("kept sessions"), refused);
            http.get(branches + "/dev", owner.auth()).expect(404).conformsTo(PLANETSCALE);
            try (ResultSet rs = held.createStatement().executeQuery("SHOW application_name")) {
                rs.next();
                assertEquals("kept", rs.getString(1), "the session was not interrupted");
            }
            assertEquals(0, count(pooled, "SELECT count(*) FROM jobs"), "transaction-mode clients are served again after the pause");
        }
        // The session gone, the idle pooled connections do not hold the parent: the pause closes them.
        http.post(branches, "{\"name\":\"dev\"}", owner.auth()).expect(201).conformsTo(PLANETSCALE);
        try (Connection pooled = connect(user, secret, "main")) {
            assertEquals(0, count(pooled, "SELECT count(*) FROM jobs"));
        }
        http.delete(databases(owner) + "/" + name, owner.auth()).expect(204);
    }

    @Test
    void aPasswordExpiresAtTheProxyAndARenewalGivesItAnotherTtl() throws SQLException {
        Account owner = Accounts.signUp(http, "Expiring");
        String name = name();
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        JsonNode temporary = password(owner, name, "main", "{\"role\":\"reader\",\"ttl\":30}");
        assertTrue(temporary.get("renewable").asBoolean());
        Instant expires = Instant.parse(temporary.get("expires_at").asText());
        assertEquals(Duration.ofMinutes(30), Duration.between(Instant.parse(temporary.get("created_at").asText()), expires));
        connect(temporary.get("username").asText(), temporary.get("plain_text").asText(), "main").close();

        clock.advance(Duration.ofMinutes(31)); // within the owner's JWT (an hour)
        SQLException expired = assertThrows(SQLException.class,
                () -> connect(temporary.get("username").asText(), temporary.get("plain_text").asText(), "main"));
        assertEquals("28P01", expired.getSQLState());
        assertTrue(expired.getMessage().contains("expired"), expired.getMessage());

        String passwordPath = databases(owner) + "/" + name + "/branches/main/passwords/" + temporary.get("id").asText();
        JsonNode renewed = http.post(passwordPath + "/renew", "", owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertNotEquals(expires, Instant.parse(renewed.get("expires_at").asText()));
        connect(temporary.get("username").asText(), temporary.get("plain_text").asText(), "main").close();

        JsonNode forever = password(owner, name, "main", "{\"ttl\":0}");
        assertEquals("admin", forever.get("role").asText(), "PlanetScale's default role");
        http.post(databases(owner) + "/" + name + "/branches/main/passwords/" + forever.get("id").asText() + "/renew", "", owner.auth())
                .expect(422).conformsTo(PLANETSCALE);
        http.delete(databases(owner) + "/" + name, owner.auth()).expect(204);
    }

    @Test
    void badInputIsRefusedWithTheFieldNamed() {
        Account owner = Accounts.signUp(http, "Refused");
        String name = name();
        http.post(databases(owner), "{}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(databases(owner), "{\"name\":\"Not Valid\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        assertTrue(http.post(databases(owner), "{\"name\":\"" + name + "\",\"cluster_size\":\"PG_HUGE\"}", owner.auth()).expect(422)
                .conformsTo(PLANETSCALE).body().contains("PG_NANO"));
        http.post(databases(owner), "{\"name\":\"" + name + "\",\"plan\":\"free\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(databases(owner), "{\"name\":\"" + name + "\",\"region\":\"mars-1\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE); // taken
        String branches = databases(owner) + "/" + name + "/branches";
        http.post(branches, "{\"name\":\"main\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches, "{\"name\":\"x\",\"parent_branch\":\"nope\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches, "{\"name\":\"x\",\"backup_id\":\"bkp_1\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.patch(branches + "/main", "{\"cluster_size\":\"PG_HUGE\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.patch(databases(owner) + "/" + name, "{\"default_branch\":\"nope\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches + "/main/passwords", "{\"role\":\"root\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches + "/main/passwords", "{\"ttl\":-5}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches + "/main/passwords", "{\"ttl\":1.5}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches + "/main/roles", "{\"role\":\"reader\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(branches + "/main/roles", "{\"name\":\"x\",\"role\":\"root\"}", owner.auth()).expect(422).conformsTo(PLANETSCALE);
        http.delete(databases(owner) + "/" + name, owner.auth()).expect(204);
    }

    @Test
    void credentialsComeFirstAndWhatIsNotThereOrNotOursIsNotFound() {
        Account owner = Accounts.signUp(http, "Owner");
        Account stranger = Accounts.signUp(http, "Stranger");
        String name = name();
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        String passwordId = password(owner, name, "main", "{\"role\":\"reader\",\"ttl\":5}").get("id").asText();
        String db = databases(owner) + "/" + name;
        String[][] calls = {
                {"GET", databases(owner), null}, {"POST", databases(owner), "{\"name\":\"x\"}"}, {"GET", db, null},
                {"PATCH", db, "{}"}, {"DELETE", db, null}, {"GET", db + "/branches", null}, {"POST", db + "/branches", "{\"name\":\"x\"}"},
                {"GET", db + "/branches/main", null}, {"PATCH", db + "/branches/main", "{}"}, {"DELETE", db + "/branches/main", null},
                {"GET", db + "/branches/main/passwords", null}, {"POST", db + "/branches/main/passwords", "{}"},
                {"GET", db + "/branches/main/passwords/" + passwordId, null}, {"DELETE", db + "/branches/main/passwords/" + passwordId, null},
                {"POST", db + "/branches/main/passwords/" + passwordId + "/renew", ""},
                {"POST", db + "/branches/main/roles", "{\"name\":\"x\",\"role\":\"reader\"}"}};
        for (String[] call : calls) {
            http.send(call[0], call[1], call[2]).expect(401).conformsTo(PLANETSCALE);
            http.send(call[0], call[1], call[2], stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        }
        String missing = databases(owner) + "/no-such-db";
        for (String path : new String[] {missing, missing + "/branches", missing + "/branches/main", missing + "/branches/main/passwords"}) {
            http.get(path, owner.auth()).expect(404).conformsTo(PLANETSCALE);
        }
        http.patch(missing, "{}", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.delete(missing, owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(missing + "/branches", "{\"name\":\"x\"}", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.patch(db + "/branches/nope", "{}", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.delete(db + "/branches/nope", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db + "/branches/nope/passwords", "{}", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db + "/branches/nope/roles", "{\"name\":\"x\",\"role\":\"reader\"}", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        for (String id : new String[] {"pw_00000000000000000000000000", "nope"}) {
            http.get(db + "/branches/main/passwords/" + id, owner.auth()).expect(404).conformsTo(PLANETSCALE);
            http.delete(db + "/branches/main/passwords/" + id, owner.auth()).expect(404).conformsTo(PLANETSCALE);
            http.post(db + "/branches/main/passwords/" + id + "/renew", "", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        }
        http.delete(db, owner.auth()).expect(204);
    }

    /** Each change of a managed database lands once in its organization's audit log, with no password in it. */
    @Test
    void managedDatabaseChangesAreAudited() {
        Account owner = Accounts.signUp(http, "Audited");
        String name = name();
        http.post(databases(owner), "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        String db = databases(owner) + "/" + name;
        http.patch(db, "{\"allow_data_branching\":true}", owner.auth()).expect(200);
        JsonNode pw = password(owner, name, "main", "{\"role\":\"reader\",\"ttl\":60}");
        http.post(db + "/branches/main/passwords/" + pw.get("id").asText() + "/renew", "", owner.auth()).expect(200);
        http.delete(db + "/branches/main/passwords/" + pw.get("id").asText(), owner.auth()).expect(204);
        http.post(db + "/branches", "{\"name\":\"dev\"}", owner.auth()).expect(201);
        http.delete(db + "/branches/dev", owner.auth()).expect(204);
        http.delete(db, owner.auth()).expect(204);
        var activity = http.get("/workspace/api/v1/" + owner.orgSlug() + "/audit/activity?limit=100", owner.auth()).expect(200);
        java.util.List<String> types = new java.util.ArrayList<>();
        activity.json().get("entries").forEach(e -> types.add(e.get("type").asText()));
        assertEquals(java.util.List.of("database.deleted", "branch.deleted", "branch.created", "password.deleted",
                "password.updated", "password.created", "database.updated", "database.created", "workspace.created"), types);
        assertFalse(activity.body().contains(pw.get("plain_text").asText()), "the password is never in the log");
        assertEquals(true, activity.json().get("entries").get(6).get("after").get("allow_data_branching").asBoolean());
    }
}

package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PGBEAM;
import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale's bouncers and IP restrictions against planetscale-platform.yaml (ADR 0056): a bouncer is a named pool the
 * client picks in its connection; IP restrictions are the database's allowlist, enforced by the proxy at login.
 */
@MicronautTest(transactional = false)
class PlanetScaleBouncersAndIpRestrictionsContractTest extends HttpTest {
    @Inject
    PgWireServer proxy;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(DataClusterPostgres.properties());
        return properties;
    }

    record Database(Account owner, String path, String username, String password) {
    }

    Database database() {
        Account owner = Accounts.signUp(http, "Pools");
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        String path = "/v1/organizations/" + owner.orgSlug() + "/databases/" + name;
        http.post("/v1/organizations/" + owner.orgSlug() + "/databases", "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        JsonNode password = http.post(path + "/branches/main/passwords", "{\"role\":\"reader\"}", owner.auth()).expect(201).json();
        return new Database(owner, path, password.get("username").asText(), password.get("plain_text").asText());
    }

    Connection connect(String user, String password, String options) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("sslmode", "disable");
        if (options != null) {
            login.setProperty("options", options);
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/main", login);
    }

    static int backend(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aBouncerIsANamedPoolTheClientPicksInItsConnection() throws SQLException {
        Database db = database();
        String bouncers = db.path() + "/branches/main/bouncers";
        assertEquals(0, http.get(bouncers, db.owner().auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size());
        JsonNode created = http.post(bouncers, "{\"name\":\"analytics\",\"pool_size\":3}", db.owner().auth())
                .expect(201).conformsTo(PLANETSCALE).json();
        assertEquals("analytics", created.get("name").asText());
        assertEquals(3, created.get("pool_size").asInt());
        assertEquals("ready", created.get("state").asText());
        http.post(bouncers, "{\"name\":\"sessions\",\"pool_mode\":\"session\"}", db.owner().auth()).expect(201).conformsTo(PLANETSCALE);
        assertEquals(2, http.get(bouncers, db.owner().auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size());
        http.get(bouncers + "/analytics", db.owner().auth()).expect(200).conformsTo(PLANETSCALE);

        try (Connection viaUser = connect(db.username() + "|analytics", db.password(), null);
             Connection viaOptions = connect(db.username(), db.password(), "-c bouncer=sessions");
             Connection own = connect(db.username(), db.password(), null)) {
            assertEquals(1, backend(viaUser));
            assertEquals(1, backend(viaOptions));
            assertEquals(1, backend(own));
        }
        SQLException unknown = assertThrows(SQLException.class, () -> connect(db.username() + "|nope", db.password(), null));
        assertTrue(unknown.getMessage().contains("no bouncer"), unknown.getMessage());

        http.post(bouncers, "{\"name\":\"analytics\"}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(bouncers, "{}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(bouncers, "{\"name\":\"Big Pool\"}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(bouncers, "{\"name\":\"zero\",\"pool_size\":0}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(bouncers, "{\"name\":\"huge\",\"pool_size\":100000}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(bouncers, "{\"name\":\"odd\",\"pool_mode\":\"sometimes\"}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);

        http.delete(bouncers + "/analytics", db.owner().auth()).expect(204).conformsTo(PLANETSCALE);
        http.get(bouncers + "/analytics", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.delete(bouncers + "/analytics", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        assertThrows(SQLException.class, () -> connect(db.username() + "|analytics", db.password(), null));
    }

    @Test
    void ipRestrictionsAreTheDatabasesAllowlistEnforcedAtLogin() throws SQLException {
        Database db = database();
        String cidrs = db.path() + "/postgres-cidrs";
        assertEquals(0, http.get(cidrs, db.owner().auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size());
        connect(db.username(), db.password(), null).close(); // no restriction: everyone
        JsonNode office = http.post(cidrs, "{\"cidr\":\"10.0.0.0/24\",\"description\":\"office\"}", db.owner().auth())
                .expect(201).conformsTo(PLANETSCALE).json();
        assertEquals("10.0.0.0/24", office.get("cidr").asText());
        assertEquals("office", office.get("description").asText());
        SQLException outside = assertThrows(SQLException.class, () -> connect(db.username(), db.password(), null));
        assertEquals("28000", outside.getSQLState());
        http.post(cidrs, "{\"cidr\":\"127.0.0.1\"}", db.owner().auth()).expect(201).conformsTo(PLANETSCALE);
        connect(db.username(), db.password(), null).close();
        JsonNode listed = http.get(cidrs, db.owner().auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(2, listed.size());
        assertEquals(office.get("id").asText(), listed.get(0).get("id").asText());
        assertEquals("127.0.0.1/32", listed.get(1).get("cidr").asText());

        // The same list as the project's allowed_cidrs in PgBeam's face.
        JsonNode project = http.get("/v1/projects/" + http.get(db.path(), db.owner().auth()).json().get("id").asText(), db.owner().auth())
                .expect(200).conformsTo(PGBEAM).json();
        assertEquals(2, project.get("allowed_cidrs").size());

        http.post(cidrs, "{\"cidr\":\"127.0.0.1/32\"}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(cidrs, "{\"cidr\":\"not-a-network\"}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(cidrs, "{\"cidr\":\"10.0.0.0/33\"}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
        http.post(cidrs, "{}", db.owner().auth()).expect(422).conformsTo(PLANETSCALE);
    }

    @Test
    void credentialsComeFirstAndAnotherOrganizationsDatabaseIsNotFound() {
        Database db = database();
        Account stranger = Accounts.signUp(http, "PoolStranger");
        http.post(db.path() + "/branches/main/bouncers", "{\"name\":\"mine\"}", db.owner().auth()).expect(201);
        String[][] calls = {
                {"GET", db.path() + "/branches/main/bouncers", null}, {"POST", db.path() + "/branches/main/bouncers", "{\"name\":\"x\"}"},
                {"GET", db.path() + "/branches/main/bouncers/mine", null}, {"DELETE", db.path() + "/branches/main/bouncers/mine", null},
                {"GET", db.path() + "/postgres-cidrs", null}, {"POST", db.path() + "/postgres-cidrs", "{\"cidr\":\"10.1.0.0/16\"}"}};
        for (String[] call : calls) {
            http.send(call[0], call[1], call[2]).expect(401).conformsTo(PLANETSCALE);
            http.send(call[0], call[1], call[2], stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        }
        String missing = "/v1/organizations/" + db.owner().orgSlug() + "/databases/no-such-db";
        http.get(missing + "/postgres-cidrs", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(missing + "/postgres-cidrs", "{\"cidr\":\"10.1.0.0/16\"}", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(missing + "/branches/main/bouncers", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db.path() + "/branches/nope/bouncers", "{\"name\":\"x\"}", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(db.path() + "/branches/main/bouncers/nope", db.owner().auth()).expect(404).conformsTo(PLANETSCALE);
    }
}

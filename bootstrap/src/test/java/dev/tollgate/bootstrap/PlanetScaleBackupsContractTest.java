package dev.tollgate.bootstrap;

import static dev.tollgate.testing.ApiContract.Document.PLANETSCALE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.proxy.adapters.in.pgwire.frontend.PgWireServer;
import dev.tollgate.proxy.application.port.in.RunBackupsUseCase;
import dev.tollgate.testing.Accounts;
import dev.tollgate.testing.Accounts.Account;
import dev.tollgate.testing.ClientToolsDataCluster;
import dev.tollgate.testing.HttpTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * PlanetScale's branch backups against planetscale-platform.yaml (ADR 0072): a backup is the data cluster's own
 * {@code pg_dump -Fc} taken by the background worker into the backup store, restored by createBranch's backup_id with
 * {@code pg_restore}; rows written before the backup are read back from the restored branch through the proxy.
 */
@MicronautTest(transactional = false)
class PlanetScaleBackupsContractTest extends HttpTest {
    static final Path STORE = temporaryDirectory();

    @Inject
    PgWireServer proxy;
    @Inject
    RunBackupsUseCase worker;
    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.putAll(ClientToolsDataCluster.properties());
        properties.put("tollgate.backups.directory", STORE.toString());
        properties.put("tollgate.backups.poll-interval", "200ms");
        return properties;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("tollgate-backups-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Connection connect(JsonNode password, String branch) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", password.get("username").asText());
        login.setProperty("password", password.get("plain_text").asText());
        login.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + branch, login);
    }

    static String database(Account owner, String name) {
        return "/v1/organizations/" + owner.orgSlug() + "/databases/" + name;
    }

    String newDatabase(Account owner) {
        String name = "db-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/v1/organizations/" + owner.orgSlug() + "/databases", "{\"name\":\"" + name + "\"}", owner.auth()).expect(201);
        return database(owner, name);
    }

    JsonNode awaitCompleted(String backup, Account owner) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode read = http.get(backup, owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
            String state = read.get("state").asText();
            if (state.equals("success") || state.equals("failed") || System.nanoTime() > deadline) {
                return read;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void aBackupIsTakenByTheWorkerAndRestoredIntoANewBranchWithItsRows() throws SQLException {
        Account owner = Accounts.signUp(http, "Backups");
        String db = newDatabase(owner);
        String backups = db + "/branches/main/backups";
        JsonNode empty = http.get(backups, owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertEquals(0, empty.get("data").size(), "[] before the first backup");

        JsonNode admin = http.post(db + "/branches/main/passwords", "{\"role\":\"admin\"}", owner.auth()).expect(201).json();
        try (Connection c = connect(admin, "main"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, item text NOT NULL, qty int)");
            s.execute("CREATE INDEX orders_item_idx ON orders (item)");
            s.execute("INSERT INTO orders (item, qty) VALUES ('apple', 3), ('pear', 5), ('plum', 7)");
        }

        // No body, whatever a client declares
        JsonNode created = http.post(backups, null, owner.auth()).expect(201).conformsTo(PLANETSCALE).json();
        assertTrue(created.get("id").asText().startsWith("bkp_"), created.toString());
        assertTrue(created.get("state").asText().matches("pending|running|success"), created.toString());
        Instant createdAt = Instant.parse(created.get("created_at").asText());
        assertEquals(createdAt.plus(Duration.ofDays(7)), Instant.parse(created.get("expires_at").asText()), "the default retention");
        for (String key : new String[] {"id", "name", "state", "size", "created_at", "updated_at", "expires_at"}) {
            assertTrue(created.has(key), key + " in " + created);
        }
        http.unchecked().send("POST", backups, null, "Authorization", owner.auth()[1], "Content-Type", "text/plain").expect(201);

        String backup = backups + "/" + created.get("id").asText();
        JsonNode done = awaitCompleted(backup, owner);
        assertEquals("success", done.get("state").asText(), done.toString());
        assertTrue(done.get("size").asLong() > 0, done.toString());
        assertTrue(done.has("completed_at"), done.toString());
        Path dump = STORE.resolve(created.get("id").asText() + ".dump");
        assertTrue(Files.isRegularFile(dump), "the dump is in the backup store");
        try {
            assertEquals(done.get("size").asLong(), Files.size(dump));
            byte[] head = Files.readAllBytes(dump);
            assertEquals("PGDMP", new String(head, 0, 5, java.nio.charset.StandardCharsets.US_ASCII), "pg_dump's custom format");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode listed = http.get(backups, owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data");
        assertEquals(2, listed.size(), listed.toString());
        assertEquals(created.get("id").asText(), listed.get(0).get("id").asText(), "oldest first");
        assertEquals(1, http.get(backups + "?page=2&per_page=1", owner.auth()).expect(200).conformsTo(PLANETSCALE).json().get("data").size());

        // The restore: a new branch from the backup, its rows read back through the proxy
        JsonNode restored = http.post(db + "/branches", "{\"name\":\"restored\",\"backup_id\":\"" + created.get("id").asText() + "\"}",
                owner.auth()).expect(201).conformsTo(PLANETSCALE).json();
        assertEquals("restored", restored.get("name").asText());
        assertTrue(restored.get("ready").asBoolean(), restored.toString());
        JsonNode restoredAdmin = http.post(db + "/branches/restored/passwords", "{\"role\":\"admin\"}", owner.auth()).expect(201).json();
        JsonNode reader = http.post(db + "/branches/restored/passwords", "{\"role\":\"reader\"}", owner.auth()).expect(201).json();
        try (Connection c = connect(reader, "restored"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT item, qty FROM orders ORDER BY id")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                rows.append(rs.getString(1)).append('=').append(rs.getInt(2)).append(' ');
            }
            assertEquals("apple=3 pear=5 plum=7 ", rows.toString());
        }
        try (Connection c = connect(restoredAdmin, "restored"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders (item, qty) VALUES ('fig', 1)"); // the sequence came along: id 4
            try (ResultSet rs = s.executeQuery("SELECT max(id), count(*) FROM orders")) {
                rs.next();
                assertEquals(4, rs.getLong(1));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_indexes WHERE indexname = 'orders_item_idx'")) {
                rs.next();
                assertEquals(1, rs.getLong(1), "indexes are restored");
            }
        }
        try (Connection c = connect(admin, "main"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            assertEquals(3, rs.getLong(1), "the source branch is untouched");
        }

        http.delete(backup, owner.auth()).expect(204).conformsTo(PLANETSCALE);
        http.get(backup, owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.delete(backup, owner.auth()).expect(404).conformsTo(PLANETSCALE);
        assertFalse(Files.exists(dump), "the dump is gone with the row");
        http.post(db + "/branches", "{\"name\":\"again\",\"backup_id\":\"" + created.get("id").asText() + "\"}", owner.auth())
                .expect(422).conformsTo(PLANETSCALE);
    }

    @Test
    void aBackupLeftRunningByAStoppedNodeIsFailedNeverLeftRunning() throws SQLException {
        Account owner = Accounts.signUp(http, "BackupCrash");
        String db = newDatabase(owner);
        String backups = db + "/branches/main/backups";
        JsonNode created = http.post(backups, null, owner.auth()).expect(201).conformsTo(PLANETSCALE).json();
        awaitCompleted(backups + "/" + created.get("id").asText(), owner);
        // What a crash leaves: a backup marked running whose worker stopped renewing its lease.
        UUID id = TypeId.newUuid();
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO proxy.branch_backups (id, project_id, branch_id, name, state, size_bytes, "
                     + "lease_until, created_at, updated_at, expires_at) SELECT ?, project_id, branch_id, 'interrupted', 'running', 0, ?, ?, ?, ? "
                     + "FROM proxy.branch_backups WHERE id = ?")) {
            Instant now = Instant.now();
            s.setObject(1, id);
            s.setTimestamp(2, Timestamp.from(now.minusSeconds(5)));
            s.setTimestamp(3, Timestamp.from(now.minusSeconds(120)));
            s.setTimestamp(4, Timestamp.from(now.minusSeconds(120)));
            s.setTimestamp(5, Timestamp.from(now.plus(Duration.ofDays(7))));
            s.setObject(6, TypeId.parse("bkp", created.get("id").asText()));
            assertEquals(1, s.executeUpdate());
        }
        worker.failInterrupted(); // as at start, and on every run of the worker on any node
        JsonNode failed = http.get(backups + "/" + TypeId.format("bkp", id), owner.auth()).expect(200).conformsTo(PLANETSCALE).json();
        assertEquals("failed", failed.get("state").asText(), failed.toString());
        assertTrue(failed.has("completed_at"));
        assertEquals(0, failed.get("size").asLong());
        http.post(db + "/branches", "{\"name\":\"nope\",\"backup_id\":\"" + TypeId.format("bkp", id) + "\"}", owner.auth())
                .expect(422).conformsTo(PLANETSCALE);
    }

    @Test
    void credentialsComeFirstAndAnotherOrganizationsBackupsAreNotFound() {
        Account owner = Accounts.signUp(http, "BackupOwner");
        Account stranger = Accounts.signUp(http, "BackupStranger");
        String db = newDatabase(owner);
        String backups = db + "/branches/main/backups";
        String id = http.post(backups, null, owner.auth()).expect(201).json().get("id").asText();
        String backup = backups + "/" + id;

        http.get(backups).expect(401).conformsTo(PLANETSCALE);
        http.post(backups, null).expect(401).conformsTo(PLANETSCALE);
        http.get(backup).expect(401).conformsTo(PLANETSCALE);
        http.delete(backup).expect(401).conformsTo(PLANETSCALE);

        http.get(backups, stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(backups, null, stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(backup, stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.delete(backup, stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db + "/branches", "{\"name\":\"stolen\",\"backup_id\":\"" + id + "\"}", stranger.auth()).expect(404).conformsTo(PLANETSCALE);
        String strangers = newDatabase(stranger);
        http.post(strangers + "/branches", "{\"name\":\"stolen\",\"backup_id\":\"" + id + "\"}", stranger.auth())
                .expect(422).conformsTo(PLANETSCALE); // another database's backup is none of this one's

        http.get(db + "/branches/nope/backups", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(backups + "/bkp_nothing", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(backups + "/" + TypeId.generate("bkp"), owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.get(database(owner, "no-such-db") + "/branches/main/backups", owner.auth()).expect(404).conformsTo(PLANETSCALE);
        http.post(db + "/branches", "{\"name\":\"dev\"}", owner.auth()).expect(201);
        http.get(db + "/branches/dev/backups/" + id, owner.auth()).expect(404).conformsTo(PLANETSCALE); // another branch's backup
        http.get(backup, owner.auth()).expect(200).conformsTo(PLANETSCALE);
    }
}

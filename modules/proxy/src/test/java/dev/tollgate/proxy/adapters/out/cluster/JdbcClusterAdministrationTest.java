package dev.tollgate.proxy.adapters.out.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.domain.AccessRole;
import dev.tollgate.proxy.domain.DataCluster;
import dev.tollgate.testing.UpstreamPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The data cluster's administrator against a real PostgreSQL (ADR 0054): the privileges each access role means are
 * enforced by PostgreSQL itself, not by Tollgate.
 */
class JdbcClusterAdministrationTest {
    static final AtomicInteger NAMES = new AtomicInteger();
    final JdbcClusterAdministration admin = new JdbcClusterAdministration();
    final DataCluster cluster = new DataCluster("test", "local", "localhost", UpstreamPostgres.port(), "postgres", null, "postgres");

    static String name(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
    }

    static Connection as(String role, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + UpstreamPostgres.port() + "/" + database, role, "pw");
    }

    static void sql(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    static String denied(Connection c, String statement) {
        SQLException e = assertThrows(SQLException.class, () -> sql(c, statement), statement);
        return e.getSQLState();
    }

    @Test
    void eachAccessRoleIsEnforcedByPostgreSQL() throws SQLException {
        String db = name("db");
        String owner = db + "_owner";
        admin.createDatabase(cluster, db, owner, null, true);
        admin.createDatabase(cluster, db, owner, null, true); // again: a no-op
        assertTrue(admin.databaseExists(cluster, db));
        String dba = name("admin");
        String reader = name("reader");
        String writer = name("writer");
        String both = name("rw");
        admin.createLogin(cluster, db, owner, dba, "pw", AccessRole.ADMIN, null);
        admin.createLogin(cluster, db, owner, reader, "pw", AccessRole.READER, null);
        admin.createLogin(cluster, db, owner, writer, "pw", AccessRole.WRITER, null);
        admin.createLogin(cluster, db, owner, both, "pw", AccessRole.READWRITER, null);

        try (Connection c = as(dba, db)) {
            sql(c, "CREATE TABLE items (id serial PRIMARY KEY, name text)"); // after the grants: default privileges cover it
            sql(c, "INSERT INTO items (name) VALUES ('first')");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = 'items'")) {
                rs.next();
                assertEquals(owner, rs.getString(1), "what an admin creates belongs to the database's owner");
            }
        }
        try (Connection c = as(reader, db)) {
            sql(c, "SELECT * FROM items");
            assertEquals("42501", denied(c, "INSERT INTO items (name) VALUES ('no')"));
            assertEquals("42501", denied(c, "CREATE TABLE mine (x int)"));
        }
        try (Connection c = as(writer, db)) {
            sql(c, "INSERT INTO items (name) VALUES ('written')"); // the serial's sequence too
            assertEquals("42501", denied(c, "SELECT * FROM items"));
        }
        try (Connection c = as(both, db)) {
            sql(c, "INSERT INTO items (name) VALUES ('both')");
            sql(c, "UPDATE items SET name = 'renamed' WHERE name = 'both'");
            sql(c, "DELETE FROM items WHERE name = 'renamed'");
            assertEquals("42501", denied(c, "DROP TABLE items"));
        }

        // Another database's login cannot even connect here: CONNECT is not PUBLIC's.
        String other = name("db");
        admin.createDatabase(cluster, other, other + "_owner", null, true);
        String stranger = name("reader");
        admin.createLogin(cluster, other, other + "_owner", stranger, "pw", AccessRole.READER, null);
        SQLException refused = assertThrows(SQLException.class, () -> as(stranger, db).close());
        assertEquals("42501", refused.getSQLState());

        admin.dropLogin(cluster, db, reader);
        admin.dropLogin(cluster, db, reader); // again: a no-op
        assertThrows(SQLException.class, () -> as(reader, db).close());
        admin.dropDatabase(cluster, db, owner);
        admin.dropDatabase(cluster, db, owner);
        assertFalse(admin.databaseExists(cluster, db));
        for (String role : new String[] {dba, writer, both}) {
            admin.dropLogin(cluster, db, role);
        }
        admin.dropLogin(cluster, other, stranger);
        admin.dropDatabase(cluster, other, other + "_owner");
    }

    @Test
    void aCopyHasItsTemplatesSchemaAndDataOwnedByItsOwnOwnerAndTheTemplatesRolesKeepNothingThere() throws SQLException {
        String parent = name("db");
        admin.createDatabase(cluster, parent, parent + "_owner", null, true);
        String dba = name("admin");
        String parentReader = name("reader");
        admin.createLogin(cluster, parent, parent + "_owner", dba, "pw", AccessRole.ADMIN, null);
        admin.createLogin(cluster, parent, parent + "_owner", parentReader, "pw", AccessRole.READER, null);
        try (Connection c = as(dba, parent)) {
            sql(c, "CREATE TABLE plans (id serial PRIMARY KEY, name text)");
            sql(c, "INSERT INTO plans (name) VALUES ('pro')");
        }

        String branch = name("db");
        String schemaOnly = name("db");
        admin.createDatabase(cluster, branch, branch + "_owner", parent, true);
        admin.createDatabase(cluster, schemaOnly, schemaOnly + "_owner", parent, false);
        String branchAdmin = name("admin");
        String reader = name("reader");
        admin.createLogin(cluster, branch, branch + "_owner", branchAdmin, "pw", AccessRole.ADMIN, null);
        admin.createLogin(cluster, branch, branch + "_owner", reader, "pw", AccessRole.READER, null);
        admin.createLogin(cluster, schemaOnly, schemaOnly + "_owner", reader + "_s", "pw", AccessRole.READWRITER, null);
        try (Connection c = as(reader, branch); ResultSet rs = c.createStatement().executeQuery("SELECT name FROM plans")) {
            assertTrue(rs.next());
            assertEquals("pro", rs.getString(1));
        }
        try (Connection c = as(branchAdmin, branch)) {
            sql(c, "ALTER TABLE plans ADD COLUMN price int"); // the copy's tables are its own owner's
        }
        try (Connection c = as(reader + "_s", schemaOnly); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM plans")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "schema only: the rows stay behind");
            sql(c, "INSERT INTO plans (name) VALUES ('free')");
            try (ResultSet id = c.createStatement().executeQuery("SELECT id FROM plans")) {
                id.next();
                assertEquals(1, id.getInt(1), "its sequences start again");
            }
        }
        try (Connection c = as(parentReader, parent); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM plans")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the template's logins still reach the template");
        }
        assertEquals("42501", assertThrows(SQLException.class, () -> as(parentReader, branch).close()).getSQLState(),
                "but not the copy");
        try (Connection c = as("postgres", "postgres"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + parent + "'")) {
            rs.next();
            assertEquals(parent + "_owner", rs.getString(1));
        }
        // Nothing in the copies depends on the template's roles: they go with their branch, whatever order.
        admin.dropLogin(cluster, parent, dba);
        admin.dropLogin(cluster, parent, parentReader);
        admin.dropDatabase(cluster, parent, parent + "_owner");
        admin.dropLogin(cluster, branch, reader);
        admin.dropLogin(cluster, branch, branchAdmin);
        admin.dropLogin(cluster, schemaOnly, reader + "_s");
        admin.dropDatabase(cluster, branch, branch + "_owner");
        admin.dropDatabase(cluster, schemaOnly, schemaOnly + "_owner");
    }

    @Test
    void aLoginsExpiryIsPostgreSQLsValidUntilAndARenewalMovesIt() throws SQLException {
        String db = name("db");
        admin.createDatabase(cluster, db, db + "_owner", null, true);
        String reader = name("reader");
        Instant until = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        admin.createLogin(cluster, db, db + "_owner", reader, "pw", AccessRole.READER, until);
        assertEquals(until, validUntil(reader));
        Instant later = until.plus(1, ChronoUnit.DAYS);
        admin.renewLogin(cluster, reader, later);
        assertEquals(later, validUntil(reader));
        admin.dropLogin(cluster, db, reader);
        admin.dropDatabase(cluster, db, db + "_owner");
    }

    @Test
    void namesThatAreNotManagedIdentifiersNeverReachSql() {
        assertThrows(IllegalArgumentException.class, () -> admin.createDatabase(cluster, "x\"; DROP DATABASE postgres; --", "o", null, true));
        assertThrows(IllegalArgumentException.class, () -> admin.createDatabase(cluster, "Upper", "owner", null, true));
        assertThrows(IllegalArgumentException.class, () -> admin.dropLogin(cluster, "db", "r".repeat(64)));
    }

    private static Instant validUntil(String role) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + UpstreamPostgres.port() + "/postgres", "postgres", "");
             ResultSet rs = c.createStatement().executeQuery("SELECT rolvaliduntil FROM pg_roles WHERE rolname = '" + role + "'")) {
            rs.next();
            return rs.getTimestamp(1).toInstant();
        }
    }
}

package dev.tollgate.proxy.adapters.out.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.testing.StreamingReplica;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The test fixture replica routing stands on: a real hot standby, read-only, streaming what the primary writes. */
class StreamingReplicaTest {
    static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theStandbyStreamsThePrimarysWritesAndRefusesItsOwn() throws Exception {
        try (StreamingReplica pair = StreamingReplica.start();
             Connection primary = pair.primary().getPostgresDatabase().getConnection();
             Connection standby = pair.standby().getPostgresDatabase().getConnection()) {
            try (Statement s = primary.createStatement()) {
                s.execute("CREATE TABLE items (id int)");
                s.execute("INSERT INTO items VALUES (1), (2)");
            }
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (true) {
                try {
                    if (count(standby) == 2) {
                        break;
                    }
                } catch (SQLException notYet) {
                    // the table is not replayed yet
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the standby did not catch up");
                }
                Thread.sleep(50);
            }
            try (Statement s = standby.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
                rs.next();
                assertTrue(rs.getBoolean(1));
            }
            SQLException readOnly = assertThrows(SQLException.class, () -> standby.createStatement().execute("INSERT INTO items VALUES (3)"));
            assertEquals("25006", readOnly.getSQLState());
        }
    }
}

package dev.tollgate.proxy.adapters.out.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.proxy.application.port.out.UpstreamProbe;
import dev.tollgate.proxy.domain.SslMode;
import dev.tollgate.testing.StreamingReplica;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The test fixture replica routing stands on (a real hot standby, read-only, streaming what the primary writes), and the
 * replica check's lag: zero when caught up, growing while replay is paused with WAL waiting.
 */
class StreamingReplicaTest {
    static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theStandbyStreamsThePrimarysWritesRefusesItsOwnAndItsLagShowsWhileReplayIsPaused() throws Exception {
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
            pair.pauseReplay(true);
            try (Statement s = primary.createStatement()) {
                s.execute("INSERT INTO items VALUES (3)"); // received, not replayed
            }
            JdbcUpstreamProbe probe = new JdbcUpstreamProbe();
            java.util.List<java.net.InetAddress> loopback = java.util.List.of(java.net.InetAddress.getByName("127.0.0.1"));
            long behind = System.nanoTime() + 20_000_000_000L;
            UpstreamProbe.ReplicaState state;
            do {
                state = probe.replicaState("127.0.0.1", loopback, pair.standby().getPort(), "postgres", "postgres", "pw", SslMode.DISABLE);
                assertTrue(System.nanoTime() < behind, "the lag never showed: " + state);
            } while (state.lag().toMillis() < 200);
            assertTrue(state.reachable() && state.inRecovery(), state.toString());
            pair.pauseReplay(false);
            do {
                state = probe.replicaState("127.0.0.1", loopback, pair.standby().getPort(), "postgres", "postgres", "pw", SslMode.DISABLE);
                assertTrue(System.nanoTime() < behind + 20_000_000_000L, "it never caught up: " + state);
            } while (!state.lag().isZero());
            assertEquals(3, count(standby));
            SQLException readOnly = assertThrows(SQLException.class, () -> standby.createStatement().execute("INSERT INTO items VALUES (3)"));
            assertEquals("25006", readOnly.getSQLState());
        }
    }
}

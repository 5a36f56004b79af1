package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.proxy.application.port.out.PlanLocks;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** PostgreSQL transaction-level advisory locks, keyed by the scope's UUID folded to 64 bits. */
@Singleton
final class AdvisoryPlanLocks implements PlanLocks {
    private final JdbcOperations jdbc;

    AdvisoryPlanLocks(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void lock(UUID scope) {
        try (PreparedStatement s = jdbc.getConnection().prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            s.setLong(1, scope.getMostSignificantBits() ^ scope.getLeastSignificantBits());
            s.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock " + scope, e);
        }
    }
}

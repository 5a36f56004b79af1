package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.application.port.out.ProvisioningStore;
import dev.tollgate.tenancy.domain.ProvisioningStep;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Explicit SQL (ADR 0029): the claim is a compare-and-set UPDATE, the rest small statements over one table. */
@Singleton
class JdbcProvisioningStore implements ProvisioningStore {
    private static final String COLUMNS = "organization_id, service, position, status, attempts, last_error, updated_at";
    private final JdbcOperations jdbc;

    JdbcProvisioningStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ProvisioningStep> steps(UUID organizationId) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM tenancy.provisioning_steps WHERE organization_id = ? ORDER BY position",
                List.of(organizationId), JdbcProvisioningStore::step);
    }

    @Override
    public void addMissing(List<ProvisioningStep> steps) {
        for (ProvisioningStep s : steps) {
            Sql.update(jdbc, "INSERT INTO tenancy.provisioning_steps (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (organization_id, service) DO NOTHING", parameters(s));
        }
    }

    @Override
    public void save(ProvisioningStep s) {
        Sql.update(jdbc, "INSERT INTO tenancy.provisioning_steps (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (organization_id, service) DO UPDATE SET position = EXCLUDED.position, status = EXCLUDED.status, "
                + "attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, updated_at = EXCLUDED.updated_at", parameters(s));
    }

    @Override
    public Optional<ProvisioningStep> claim(UUID organizationId, String service, Instant staleBefore, Instant now) {
        return Sql.query(jdbc, "UPDATE tenancy.provisioning_steps SET status = 'provisioning', attempts = attempts + 1, updated_at = ? "
                + "WHERE organization_id = ? AND service = ? AND (status = 'pending' OR (status = 'provisioning' AND updated_at < ?)) "
                + "RETURNING " + COLUMNS, List.of(Timestamp.from(now), organizationId, service, Timestamp.from(staleBefore)),
                JdbcProvisioningStore::step).stream().findFirst();
    }

    @Override
    public List<UUID> due(Instant staleBefore, int limit) {
        return Sql.query(jdbc, "SELECT organization_id FROM tenancy.provisioning_steps "
                + "WHERE status = 'pending' OR (status = 'provisioning' AND updated_at < ?) "
                + "GROUP BY organization_id ORDER BY min(updated_at) LIMIT ?", List.of(Timestamp.from(staleBefore), limit),
                row -> row.getObject(1, UUID.class));
    }

    private static List<Object> parameters(ProvisioningStep s) {
        return java.util.Arrays.asList(s.organizationId(), s.service(), s.position(), s.status().wire(), s.attempts(), s.lastError(),
                Timestamp.from(s.updatedAt()));
    }

    private static ProvisioningStep step(ResultSet r) throws SQLException {
        return new ProvisioningStep(r.getObject("organization_id", UUID.class), r.getString("service"), r.getInt("position"),
                ProvisioningStep.Status.valueOf(r.getString("status").toUpperCase(java.util.Locale.ROOT)), r.getInt("attempts"),
                r.getString("last_error"), r.getTimestamp("updated_at").toInstant());
    }
}

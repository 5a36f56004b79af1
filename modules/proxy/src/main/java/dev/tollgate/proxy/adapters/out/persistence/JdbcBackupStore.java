package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.proxy.application.port.out.BackupStore;
import dev.tollgate.proxy.domain.Backup;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Explicit SQL (ADR 0029: the worker's claim locks rows with {@code SKIP LOCKED}); ADR 0072. */
@Singleton
final class JdbcBackupStore implements BackupStore {
    private static final String COLUMNS = "id, project_id, branch_id, name, state, size_bytes, error, lease_until, created_at, updated_at, "
            + "completed_at, expires_at";
    private final JdbcOperations jdbc;

    JdbcBackupStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(Backup b) {
        Sql.update(jdbc, "INSERT INTO proxy.branch_backups (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(b.id(), b.projectId(), b.branchId(), b.name(), b.state().wire(), b.sizeBytes(), b.error(), ts(b.leaseUntil()),
                        ts(b.createdAt()), ts(b.updatedAt()), ts(b.completedAt()), ts(b.expiresAt())));
    }

    @Override
    public Optional<Backup> find(UUID id) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM proxy.branch_backups WHERE id = ?", List.of(id), JdbcBackupStore::backup)
                .stream().findFirst();
    }

    @Override
    public Page<Backup> list(UUID branchId, PageRequest page) {
        List<Backup> items = Sql.query(jdbc, "SELECT " + COLUMNS + " FROM proxy.branch_backups WHERE branch_id = ? "
                + "ORDER BY created_at, id LIMIT ? OFFSET ?", List.of(branchId, page.limit(), page.offset()), JdbcBackupStore::backup);
        long total = Sql.query(jdbc, "SELECT count(*) FROM proxy.branch_backups WHERE branch_id = ?", List.of(branchId), r -> r.getLong(1))
                .get(0);
        return new Page<>(items, total, page);
    }

    @Override
    public Optional<Backup> nextPending() {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM proxy.branch_backups WHERE state = 'pending' ORDER BY created_at, id LIMIT 1 "
                + "FOR UPDATE SKIP LOCKED", List.of(), JdbcBackupStore::backup).stream().findFirst();
    }

    @Override
    public List<Backup> lapsed(Instant now, int limit) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM proxy.branch_backups WHERE state = 'running' AND lease_until < ? "
                + "ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED", List.of(ts(now), limit), JdbcBackupStore::backup);
    }

    @Override
    public boolean renew(UUID id, Instant leaseUntil) {
        return Sql.update(jdbc, "UPDATE proxy.branch_backups SET lease_until = ? WHERE id = ? AND state = 'running'",
                List.of(ts(leaseUntil), id)) == 1;
    }

    @Override
    public boolean finish(Backup b) {
        return Sql.update(jdbc, "UPDATE proxy.branch_backups SET " + SET + " WHERE id = ? AND state = 'running'", values(b)) == 1;
    }

    @Override
    public void save(Backup b) {
        Sql.update(jdbc, "UPDATE proxy.branch_backups SET " + SET + " WHERE id = ?", values(b));
    }

    private static final String SET = "state = ?, size_bytes = ?, error = ?, lease_until = ?, updated_at = ?, completed_at = ?";

    private static List<Object> values(Backup b) {
        return Arrays.asList(b.state().wire(), b.sizeBytes(), b.error(), ts(b.leaseUntil()), ts(b.updatedAt()), ts(b.completedAt()), b.id());
    }

    @Override
    public List<Backup> expired(Instant now, int limit) {
        return Sql.query(jdbc, "SELECT " + COLUMNS + " FROM proxy.branch_backups WHERE expires_at <= ? AND state <> 'running' "
                + "ORDER BY expires_at LIMIT ?", List.of(ts(now), limit), JdbcBackupStore::backup);
    }

    @Override
    public void delete(UUID id) {
        Sql.update(jdbc, "DELETE FROM proxy.branch_backups WHERE id = ?", List.of(id));
    }

    private static Backup backup(ResultSet r) throws SQLException {
        return new Backup(r.getObject("id", UUID.class), r.getObject("project_id", UUID.class), r.getObject("branch_id", UUID.class),
                r.getString("name"), Backup.State.ofWire(r.getString("state")), r.getLong("size_bytes"), r.getString("error"),
                instant(r.getTimestamp("lease_until")), instant(r.getTimestamp("created_at")), instant(r.getTimestamp("updated_at")),
                instant(r.getTimestamp("completed_at")), instant(r.getTimestamp("expires_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}

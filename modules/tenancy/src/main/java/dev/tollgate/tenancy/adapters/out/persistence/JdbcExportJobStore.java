package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.application.port.out.ExportJobStore;
import dev.tollgate.tenancy.domain.ExportJob;
import dev.tollgate.tenancy.domain.ExportJob.ResourceProgress;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Explicit SQL (ADR 0029). Adding relies on the partial unique index of active jobs ({@code ON CONFLICT DO NOTHING}
 * leaves the transaction usable); claiming is a compare-and-set UPDATE. Progress is a JSON array in resource order.
 */
@Singleton
class JdbcExportJobStore implements ExportJobStore {
    private static final String COLUMNS = "id, organization_id, requested_by, status, progress, attempts, error_message, archive_bytes, "
            + "download_expires_at, created_at, updated_at";
    private static final Argument<List<Map<String, Object>>> PROGRESS = Argument.listOf(Argument.mapOf(String.class, Object.class));
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcExportJobStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean addIfNoneActive(ExportJob job) {
        return Sql.update(jdbc, "INSERT INTO tenancy.export_jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", parameters(job)) == 1;
    }

    @Override
    public Optional<ExportJob> find(UUID organizationId, UUID id) {
        return one("SELECT " + COLUMNS + " FROM tenancy.export_jobs WHERE organization_id = ? AND id = ?", List.of(organizationId, id));
    }

    @Override
    public Optional<ExportJob> latest(UUID organizationId, Instant finishedSince) {
        return one("SELECT " + COLUMNS + " FROM tenancy.export_jobs WHERE organization_id = ? "
                + "AND (status IN ('pending', 'processing') OR updated_at >= ?) "
                + "ORDER BY (status IN ('pending', 'processing')) DESC, id DESC LIMIT 1", List.of(organizationId, Timestamp.from(finishedSince)));
    }

    @Override
    public List<UUID> due(Instant staleBefore, int limit) {
        return Sql.query(jdbc, "SELECT id FROM tenancy.export_jobs WHERE status = 'pending' OR (status = 'processing' AND updated_at < ?) "
                + "ORDER BY updated_at LIMIT ?", List.of(Timestamp.from(staleBefore), limit), row -> row.getObject(1, UUID.class));
    }

    @Override
    public Optional<ExportJob> claim(UUID id, Instant staleBefore, Instant now) {
        Optional<ExportJob> due = one("SELECT " + COLUMNS + " FROM tenancy.export_jobs WHERE id = ? "
                + "AND (status = 'pending' OR (status = 'processing' AND updated_at < ?)) FOR UPDATE SKIP LOCKED",
                List.of(id, Timestamp.from(staleBefore)));
        return due.map(job -> {
            ExportJob restarted = job.restarted(now);
            save(restarted);
            return restarted;
        });
    }

    @Override
    public void save(ExportJob job) {
        Sql.update(jdbc, "UPDATE tenancy.export_jobs SET status = ?, progress = ?::jsonb, attempts = ?, error_message = ?, archive_bytes = ?, "
                + "download_expires_at = ?, updated_at = ? WHERE id = ?", Arrays.asList(job.status().wire(), progress(job), job.attempts(),
                job.errorMessage(), job.archiveBytes(), timestamp(job.downloadExpiresAt()), Timestamp.from(job.updatedAt()), job.id()));
    }

    @Override
    public List<UUID> expiredWithArchive(Instant now, int limit) {
        return Sql.query(jdbc, "SELECT id FROM tenancy.export_jobs WHERE status = 'completed' AND archive_bytes IS NOT NULL "
                + "AND download_expires_at <= ? ORDER BY download_expires_at LIMIT ?", List.of(Timestamp.from(now), limit),
                row -> row.getObject(1, UUID.class));
    }

    @Override
    public void archiveRemoved(UUID id) {
        Sql.update(jdbc, "UPDATE tenancy.export_jobs SET archive_bytes = NULL WHERE id = ?", List.of(id));
    }

    private Optional<ExportJob> one(String sql, List<?> parameters) {
        return Sql.query(jdbc, sql, parameters, this::job).stream().findFirst();
    }

    private List<Object> parameters(ExportJob job) {
        return Arrays.asList(job.id(), job.organizationId(), job.requestedBy(), job.status().wire(), progress(job), job.attempts(),
                job.errorMessage(), job.archiveBytes(), timestamp(job.downloadExpiresAt()), Timestamp.from(job.createdAt()),
                Timestamp.from(job.updatedAt()));
    }

    private String progress(ExportJob job) {
        return JsonColumns.write(json, job.progress().stream().map(p -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("resource", p.resource());
            one.put("state", p.state());
            one.put("records", p.records());
            return one;
        }).toList());
    }

    private ExportJob job(ResultSet r) throws SQLException {
        List<ResourceProgress> progress;
        try {
            progress = json.readValue(r.getString("progress"), PROGRESS).stream()
                    .map(p -> new ResourceProgress((String) p.get("resource"), (String) p.get("state"), ((Number) p.get("records")).longValue()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long bytes = r.getLong("archive_bytes");
        Long archiveBytes = r.wasNull() ? null : bytes;
        Timestamp expires = r.getTimestamp("download_expires_at");
        return new ExportJob(r.getObject("id", UUID.class), r.getObject("organization_id", UUID.class), r.getString("requested_by"),
                ExportJob.Status.ofWire(r.getString("status")), progress, r.getInt("attempts"), r.getString("error_message"), archiveBytes,
                expires == null ? null : expires.toInstant(), r.getTimestamp("created_at").toInstant(), r.getTimestamp("updated_at").toInstant());
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

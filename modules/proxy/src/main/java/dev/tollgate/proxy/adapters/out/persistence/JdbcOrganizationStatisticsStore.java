package dev.tollgate.proxy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.proxy.api.ProxyApi.OrganizationStatistics;
import dev.tollgate.proxy.application.port.out.OrganizationStatisticsStore;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Singleton
final class JdbcOrganizationStatisticsStore implements OrganizationStatisticsStore {
    /** Each count rides an index: projects by organization, databases and branches by project, shapes and snapshots by period. */
    private static final String SQL = """
            WITH live AS (SELECT id, created_at FROM proxy.projects WHERE organization_id = ? AND status <> 'DELETED'),
                 dbs AS (SELECT d.created_at FROM proxy.databases d JOIN live ON d.project_id = live.id WHERE d.deleted_at IS NULL
                         UNION ALL
                         SELECT b.created_at FROM proxy.branches b JOIN live ON b.project_id = live.id WHERE b.deleted_at IS NULL)
            SELECT (SELECT count(*) FROM live),
                   (SELECT count(*) FROM live WHERE created_at >= ?),
                   (SELECT count(*) FROM dbs),
                   (SELECT count(*) FROM dbs WHERE created_at >= ?),
                   (SELECT count(DISTINCT q.query_hash) FROM proxy.query_shapes q JOIN live ON q.project_id = live.id
                     WHERE q.period >= ? AND q.query_hash <> ''),
                   (SELECT coalesce(sum(m.queries), 0) FROM proxy.metrics_snapshots m JOIN live ON m.project_id = live.id WHERE m.minute >= ?),
                   (SELECT coalesce(sum(greatest(m.queries - m.answered, 0)), 0) FROM proxy.metrics_snapshots m JOIN live ON m.project_id = live.id
                     WHERE m.minute >= ?)
            """;
    private final JdbcOperations jdbc;

    JdbcOrganizationStatisticsStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public java.util.Optional<Instant> firstQueryAt(UUID organizationId) {
        Timestamp first = Sql.query(jdbc, """
                SELECT least((SELECT min(q.period) FROM proxy.query_shapes q WHERE q.project_id = ANY(ids)),
                             (SELECT min(m.minute) FROM proxy.metrics_snapshots m WHERE m.project_id = ANY(ids)))
                  FROM (SELECT array_agg(id) AS ids FROM proxy.projects WHERE organization_id = ? AND status <> 'DELETED') live
                """, List.of(organizationId), row -> row.getTimestamp(1)).get(0);
        return java.util.Optional.ofNullable(first).map(Timestamp::toInstant);
    }

    @Override
    public OrganizationStatistics statistics(UUID organizationId, Instant recentSince, Instant todaySince) {
        Timestamp recent = Timestamp.from(recentSince);
        Timestamp today = Timestamp.from(todaySince);
        return Sql.query(jdbc, SQL, List.of(organizationId, recent, today, recent, today, today), row -> new OrganizationStatistics(
                row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7))).get(0);
    }
}

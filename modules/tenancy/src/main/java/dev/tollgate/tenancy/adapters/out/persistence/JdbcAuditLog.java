package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.AuditFilter;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Singleton
class JdbcAuditLog implements AuditLog {
    private final AuditEntryRowRepository rows;
    private final JdbcOperations jdbc;
    private final boolean enabled;

    /**
     * {@code tollgate.audit.enabled=false} writes nothing: it exists to measure what the log costs (bench/audit), as
     * {@code tollgate.proxy.insights.enabled} does for insights. A deployment keeps it on.
     */
    JdbcAuditLog(AuditEntryRowRepository rows, JdbcOperations jdbc, @Value("${tollgate.audit.enabled:true}") boolean enabled) {
        this.rows = rows;
        this.jdbc = jdbc;
        this.enabled = enabled;
    }

    @Override
    public void append(AuditEntry e) {
        if (!enabled) {
            return;
        }
        rows.save(new AuditEntryRow(e.id(), e.organizationId(), e.actorType(), e.actorId(), e.resourceType(), e.resourceId(), e.type(),
                e.summary(), e.before(), e.after(), e.sourceAddress(), e.at()));
    }

    /**
     * Keyset paging on the time-ordered id: each page is an index range scan, however deep the reader has gone. A search
     * matches entries where each of its words begins a word of the summary or the resource id (V11's stored words); its
     * query is written into the SQL (see {@link AuditSearchQuery}) with the page size, so the plan is made for these
     * words: a common one is found by passing the newest entries in order, a rare one through the word index.
     */
    @Override
    public List<AuditEntry> page(UUID organizationId, AuditFilter f, UUID before, int limit) {
        StringBuilder where = new StringBuilder(" WHERE organization_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        condition(where, parameters, "resource_type = ?", f.resourceType());
        condition(where, parameters, "resource_id = ?", f.resourceId());
        condition(where, parameters, "type = ?", f.type());
        condition(where, parameters, "actor_id = ?", f.actorId());
        // A date bound is also an id bound (ids are UUIDv7 of the entry's time): the index range starts where the dates do.
        condition(where, parameters, "id >= ?", f.from() == null ? null : AuditEntry.firstIdAt(f.from()));
        condition(where, parameters, "at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
        condition(where, parameters, "id < ?", f.to() == null ? null : AuditEntry.firstIdAt(f.to().plusMillis(1)));
        condition(where, parameters, "at < ?", f.to() == null ? null : Timestamp.from(f.to()));
        condition(where, parameters, "id < ?", before);
        if (f.search() == null) {
            List<Object> paged = new ArrayList<>(parameters);
            paged.add(limit);
            return rows("SELECT * FROM tenancy.audit_entries" + where + " ORDER BY id DESC LIMIT ?", paged);
        }
        String query = AuditSearchQuery.of(f.search());
        if (query == null) {
            return List.of(); // nothing searchable in it (only punctuation): no entry has such a word
        }
        return rows("SELECT * FROM tenancy.audit_entries" + where + " AND " + AuditSearchQuery.condition(query) + " ORDER BY id DESC LIMIT "
                + limit, parameters);
    }

    private List<AuditEntry> rows(String sql, List<Object> parameters) {
        return Sql.rows(jdbc, AuditEntryRow.class, sql, parameters).stream().map(JdbcAuditLog::toDomain).toList();
    }


    @Override
    public int purge(String tier, java.util.Set<String> otherTiers, java.time.Instant before, int limit) {
        Sql.update(jdbc, "SET LOCAL tollgate.audit_purge = 'on'", List.of());
        String whose = tier != null ? "o.plan = ?" : "(o.id IS NULL OR o.plan <> ALL(?))";
        Object tierParameter = tier != null ? tier : otherTiers.toArray(String[]::new);
        return Sql.update(jdbc, """
                DELETE FROM tenancy.audit_entries WHERE id IN (
                    SELECT a.id FROM tenancy.audit_entries a LEFT JOIN tenancy.organizations o ON o.id = a.organization_id
                     WHERE %s AND a.id < ? LIMIT ?)""".formatted(whose), List.of(tierParameter, AuditEntry.firstIdAt(before), limit));
    }

    @Override
    public List<AuditEntry> byActor(String actorId, java.util.Collection<UUID> organizationIds, int limit) {
        return Sql.rows(jdbc, AuditEntryRow.class, "SELECT * FROM tenancy.audit_entries WHERE organization_id = ANY(?) AND actor_id = ? "
                + "ORDER BY id DESC LIMIT ?", List.of(organizationIds.toArray(UUID[]::new), actorId, limit)).stream().map(JdbcAuditLog::toDomain)
                .toList();
    }

    @Override
    public java.util.Optional<java.time.Instant> firstOf(UUID organizationId, String type, String idPrefix) {
        String sql = "SELECT at FROM tenancy.audit_entries WHERE organization_id = ? AND type = ?" + (idPrefix == null ? "" : " AND resource_id LIKE ?")
                + " ORDER BY id LIMIT 1";
        List<Object> parameters = new ArrayList<>(List.of(organizationId, type));
        if (idPrefix != null) {
            parameters.add(idPrefix.replace("_", "\\_") + "%");
        }
        return Sql.query(jdbc, sql, parameters, row -> row.getTimestamp(1).toInstant()).stream().findFirst();
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            parameters.add(value);
        }
    }

    private static AuditEntry toDomain(AuditEntryRow r) {
        return new AuditEntry(r.id(), r.organizationId(), r.actorType(), r.actorId(), r.resourceType(), r.resourceId(), r.type(),
                r.summary(), r.before(), r.after(), r.sourceAddress(), r.at());
    }
}

package dev.tollgate.tenancy.adapters.out.persistence;

import dev.tollgate.platform.domain.Page;
import dev.tollgate.platform.domain.PageRequest;
import dev.tollgate.platform.persistence.Rows;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.application.port.out.SupportIssueStore;
import dev.tollgate.tenancy.domain.SupportComment;
import dev.tollgate.tenancy.domain.SupportIssue;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
class JdbcSupportIssueStore implements SupportIssueStore {
    private final SupportIssueRowRepository issues;
    private final SupportCommentRowRepository comments;
    private final JdbcOperations jdbc;

    JdbcSupportIssueStore(SupportIssueRowRepository issues, SupportCommentRowRepository comments, JdbcOperations jdbc) {
        this.issues = issues;
        this.comments = comments;
        this.jdbc = jdbc;
    }

    /** A transaction-scoped advisory lock per organization serializes the numbering of concurrent filings. */
    @Override
    public int nextNumber(UUID organizationId) {
        Sql.query(jdbc, "SELECT pg_advisory_xact_lock(hashtextextended('support_issues:' || ?, 0))", List.of(organizationId.toString()),
                row -> null);
        return Sql.query(jdbc, "SELECT coalesce(max(number), 0) + 1 FROM tenancy.support_issues WHERE organization_id = ?",
                List.of(organizationId), row -> row.getInt(1)).get(0);
    }

    @Override
    public void save(SupportIssue i) {
        Rows.upsert(issues, i.id(), new SupportIssueRow(i.id(), i.organizationId(), i.number(), i.summary(), i.description(), i.type().name(),
                i.priority().name(), i.category(), i.status().name(), i.createdBy(), i.assignedTo(), i.createdAt(), i.updatedAt()));
    }

    @Override
    public Optional<SupportIssue> find(UUID organizationId, int number) {
        return issues.findByOrganizationIdAndNumber(organizationId, number).map(JdbcSupportIssueStore::toDomain);
    }

    @Override
    public Page<SupportIssue> list(UUID organizationId, SupportIssue.Status status, PageRequest page) {
        String where = " FROM tenancy.support_issues WHERE organization_id = ?" + (status == null ? "" : " AND status = ?");
        List<Object> parameters = new ArrayList<>(List.of(organizationId));
        if (status != null) {
            parameters.add(status.name());
        }
        long total = Sql.count(jdbc.getConnection(), where, parameters);
        List<Object> paged = new ArrayList<>(parameters);
        paged.add(page.limit());
        paged.add(page.offset());
        List<SupportIssue> items = Sql.rows(jdbc, SupportIssueRow.class, "SELECT *" + where + " ORDER BY number DESC LIMIT ? OFFSET ?", paged)
                .stream().map(JdbcSupportIssueStore::toDomain).toList();
        return new Page<>(items, total, page);
    }

    @Override
    public void saveComment(SupportComment c) {
        Rows.upsert(comments, c.id(), new SupportCommentRow(c.id(), c.issueId(), c.comment(), c.type(), c.displayName(), c.authorId(),
                c.createdAt(), c.updatedAt()));
    }

    @Override
    public Optional<SupportComment> findComment(UUID issueId, UUID commentId) {
        return comments.findByIdAndIssueId(commentId, issueId).map(JdbcSupportIssueStore::toDomain);
    }

    @Override
    public List<SupportComment> comments(UUID issueId, UUID after, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(issueId));
        String sql = "SELECT * FROM tenancy.support_comments WHERE issue_id = ?";
        if (after != null) {
            sql += " AND id > ?";
            parameters.add(after);
        }
        parameters.add(limit);
        return Sql.rows(jdbc, SupportCommentRow.class, sql + " ORDER BY id LIMIT ?", parameters).stream().map(JdbcSupportIssueStore::toDomain)
                .toList();
    }

    @Override
    public void deleteComment(UUID commentId) {
        comments.deleteById(commentId);
    }

    private static SupportIssue toDomain(SupportIssueRow r) {
        return new SupportIssue(r.id(), r.organizationId(), r.number(), r.summary(), r.description(), SupportIssue.Type.valueOf(r.type()),
                SupportIssue.Priority.valueOf(r.priority()), r.category(), SupportIssue.Status.valueOf(r.status()), r.createdBy(),
                r.assignedTo(), r.createdAt(), r.updatedAt());
    }

    private static SupportComment toDomain(SupportCommentRow r) {
        return new SupportComment(r.id(), r.issueId(), r.comment(), r.type(), r.displayName(), r.authorId(), r.createdAt(), r.updatedAt());
    }
}

package dev.tollgate.tenancy.adapters.out.persistence;

import static dev.tollgate.tenancy.api.WorkspaceExportSource.record;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.Ulid;
import dev.tollgate.platform.persistence.JsonColumns;
import dev.tollgate.platform.persistence.Sql;
import dev.tollgate.tenancy.api.WorkspaceExportSource;
import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.SupportComment;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tenancy's part of a workspace export, read with explicit SQL: the workspace, its members, teams, invitations, API
 * keys and service tokens (names, prefixes and scopes, never a secret's hash), its OpenMeter customers, support issues
 * with their comments, and the audit log. The audit log is read a keyset page at a time, so a log of millions of entries passes through in
 * constant memory.
 */
@Singleton
class JdbcTenancyExportSource implements WorkspaceExportSource {
    static final int AUDIT_PAGE = 1000;
    private static final List<String> RESOURCES = List.of("workspace", "members", "teams", "invitations", "api_keys", "service_tokens",
            "customers", "support_issues", "audit_log");
    private final JdbcOperations jdbc;
    private final JsonMapper json;

    JdbcTenancyExportSource(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String section() {
        return "tenancy";
    }

    @Override
    public List<String> resources() {
        return RESOURCES;
    }

    @Override
    public void write(UUID organizationId, String resource, Consumer<Map<String, ?>> sink) {
        switch (resource) {
            case "workspace" -> each("SELECT o.public_id, o.slug, o.name, o.description, o.icon, o.color, o.type, o.active, o.billing_email, "
                    + "o.plan, u.public_id AS owner_id, o.created_at, o.updated_at FROM tenancy.organizations o "
                    + "LEFT JOIN tenancy.users u ON u.id = o.owner_id WHERE o.id = ?", organizationId, r -> record(
                    "id", r.getString("public_id"), "slug", r.getString("slug"), "name", r.getString("name"),
                    "description", r.getString("description"), "icon", r.getString("icon"), "color", r.getString("color"),
                    "type", r.getString("type"), "active", r.getBoolean("active"), "billingEmail", r.getString("billing_email"),
                    "plan", r.getString("plan"), "ownerId", r.getString("owner_id"), "createdAt", Sql.instant(r.getTimestamp("created_at")),
                    "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            case "members" -> each("SELECT m.public_id, u.public_id AS user_id, u.email, u.name, lower(m.role) AS role, m.created_at "
                    + "FROM tenancy.memberships m JOIN tenancy.users u ON u.id = m.user_id WHERE m.organization_id = ? ORDER BY m.created_at, m.id",
                    organizationId, r -> record("id", r.getString("public_id"), "userId", r.getString("user_id"), "email", r.getString("email"),
                            "name", r.getString("name"), "role", r.getString("role"), "joinedAt", Sql.instant(r.getTimestamp("created_at"))), sink);
            case "teams" -> each("SELECT t.public_id, t.slug, t.name, t.description, t.created_at, t.updated_at, "
                    + "array(SELECT u.public_id FROM tenancy.team_members tm JOIN tenancy.users u ON u.id = tm.user_id "
                    + "WHERE tm.team_id = t.id ORDER BY u.public_id) AS members "
                    + "FROM tenancy.teams t WHERE t.organization_id = ? ORDER BY t.created_at, t.id", organizationId, r -> record(
                    "id", r.getString("public_id"), "slug", r.getString("slug"), "name", r.getString("name"),
                    "description", r.getString("description"), "memberIds", Sql.strings(r.getArray("members")),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at"))), sink);
            case "invitations" -> each("SELECT i.public_id, i.email, lower(i.role) AS role, u.public_id AS invited_by, i.created_at, i.expires_at "
                    + "FROM tenancy.invitations i LEFT JOIN tenancy.users u ON u.id = i.invited_by WHERE i.organization_id = ? "
                    + "ORDER BY i.created_at, i.id", organizationId, r -> record("id", r.getString("public_id"), "email", r.getString("email"),
                    "role", r.getString("role"), "invitedBy", r.getString("invited_by"), "createdAt", Sql.instant(r.getTimestamp("created_at")),
                    "expiresAt", Sql.instant(r.getTimestamp("expires_at"))), sink);
            case "api_keys" -> each("SELECT k.public_id, k.name, k.prefix, k.scopes, u.public_id AS created_by, k.created_at, k.last_used_at, "
                    + "k.revoked_at FROM tenancy.api_keys k LEFT JOIN tenancy.users u ON u.id = k.created_by WHERE k.organization_id = ? "
                    + "ORDER BY k.created_at, k.id", organizationId, r -> record("id", r.getString("public_id"), "name", r.getString("name"),
                    "prefix", r.getString("prefix"), "scopes", Arrays.asList(r.getString("scopes").split(" ")),
                    "createdBy", r.getString("created_by"), "createdAt", Sql.instant(r.getTimestamp("created_at")), "lastUsedAt", Sql.instant(r.getTimestamp("last_used_at")),
                    "revokedAt", Sql.instant(r.getTimestamp("revoked_at"))), sink);
            case "service_tokens" -> each("SELECT s.public_id, s.name, s.created_at, s.last_used_at, "
                    + "array(SELECT a.access || coalesce(':' || a.database_name, '') FROM tenancy.service_token_accesses a "
                    + "WHERE a.service_token_id = s.id ORDER BY a.created_at, a.id) AS accesses "
                    + "FROM tenancy.service_tokens s WHERE s.organization_id = ? ORDER BY s.created_at, s.id", organizationId, r -> record(
                    "id", r.getString("public_id"), "name", r.getString("name"), "accesses", Sql.strings(r.getArray("accesses")),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "lastUsedAt", Sql.instant(r.getTimestamp("last_used_at"))), sink);
            // The workspace's own OpenMeter customers (its namespace is its id), deleted ones with their deletion time.
            case "customers" -> each("SELECT id, key, name, description, metadata::text AS metadata, subject_keys, primary_email, currency, "
                    + "billing_address::text AS billing_address, created_at, updated_at, deleted_at FROM tenancy.customers WHERE namespace = ? "
                    + "ORDER BY created_at, id", organizationId, r -> record("id", Ulid.of(r.getObject("id", UUID.class)), "key", r.getString("key"),
                    "name", r.getString("name"), "description", r.getString("description"), "metadata", object(r.getString("metadata")),
                    "subjectKeys", Sql.strings(r.getArray("subject_keys")), "primaryEmail", r.getString("primary_email"),
                    "currency", r.getString("currency"), "billingAddress", object(r.getString("billing_address")),
                    "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at")),
                    "deletedAt", Sql.instant(r.getTimestamp("deleted_at"))), sink);
            case "support_issues" -> supportIssues(organizationId, sink);
            case "audit_log" -> auditLog(organizationId, sink);
            default -> throw new IllegalArgumentException("tenancy keeps no resource '" + resource + "'");
        }
    }

    private void supportIssues(UUID organizationId, Consumer<Map<String, ?>> sink) {
        each("SELECT i.id, i.number, i.summary, i.description, lower(replace(i.type, '_', '-')) AS type, lower(i.priority) AS priority, "
                + "i.category, lower(i.status) AS status, i.created_by, i.assigned_to, i.created_at, i.updated_at "
                + "FROM tenancy.support_issues i WHERE i.organization_id = ? ORDER BY i.number", organizationId, r -> {
                    Map<String, Object> issue = record("id", r.getInt("number"), "summary", r.getString("summary"),
                            "description", r.getString("description"), "type", r.getString("type"), "priority", r.getString("priority"),
                            "category", r.getString("category"), "status", r.getString("status"), "createdBy", r.getString("created_by"),
                            "assignedTo", r.getString("assigned_to"), "createdAt", Sql.instant(r.getTimestamp("created_at")), "updatedAt", Sql.instant(r.getTimestamp("updated_at")));
                    issue.put("comments", Sql.query(jdbc, "SELECT id, comment, type, display_name, author_id, created_at, updated_at "
                            + "FROM tenancy.support_comments WHERE issue_id = ? ORDER BY id", List.of(r.getObject("id", UUID.class)),
                            c -> record("id", TypeId.format(SupportComment.ID_PREFIX, c.getObject("id", UUID.class)),
                                    "comment", c.getString("comment"), "type", c.getString("type"), "displayName", c.getString("display_name"),
                                    "authorId", c.getString("author_id"), "createdAt", Sql.instant(c.getTimestamp("created_at")), "updatedAt", Sql.instant(c.getTimestamp("updated_at")))));
                    return issue;
                }, sink);
    }

    /** Oldest first, a keyset page at a time (ids ascend with time). */
    private void auditLog(UUID organizationId, Consumer<Map<String, ?>> sink) {
        Sql.inKeysetPages(jdbc, "SELECT id, at, type, resource_type, resource_id, actor_type, actor_id, summary, source_address, "
                + "before::text AS before, after::text AS after FROM tenancy.audit_entries WHERE organization_id = ? AND id > ? ORDER BY id",
                List.of(organizationId), new UUID(0, 0), AUDIT_PAGE, r -> r.getObject("id", UUID.class), r -> record(
                        "id", TypeId.format(AuditEntry.ID_PREFIX, r.getObject("id", UUID.class)), "at", Sql.instant(r.getTimestamp("at")),
                        "type", r.getString("type"), "resourceType", r.getString("resource_type"), "resourceId", r.getString("resource_id"),
                        "actorType", r.getString("actor_type"), "actorId", r.getString("actor_id"), "summary", r.getString("summary"),
                        "sourceAddress", r.getString("source_address"), "before", object(r.getString("before")),
                        "after", object(r.getString("after"))), sink);
    }

    private void each(String sql, UUID organizationId, Sql.RowReader<Map<String, Object>> reader, Consumer<Map<String, ?>> sink) {
        Sql.query(jdbc, sql, List.of(organizationId), reader).forEach(sink);
    }

    private Object object(String text) {
        return JsonColumns.read(json, text);
    }
}

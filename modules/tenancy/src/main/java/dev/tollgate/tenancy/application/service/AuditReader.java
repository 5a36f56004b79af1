package dev.tollgate.tenancy.application.service;

import dev.tollgate.platform.domain.TypeId;
import dev.tollgate.platform.domain.ValidationException;
import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.application.port.in.ReadAuditLogUseCase;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.AuditFilter;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/** Reads a workspace's audit log for its admins (and API keys with {@code audit.read}), a keyset page at a time. */
@Singleton
class AuditReader implements ReadAuditLogUseCase {
    private final AuditLog log;
    private final WorkspaceService workspaces;
    private final OrganizationAccess access;

    AuditReader(AuditLog log, WorkspaceService workspaces, OrganizationAccess access) {
        this.log = log;
        this.workspaces = workspaces;
        this.access = access;
    }

    @Override
    @Transactional(readOnly = true)
    public AuditPage page(Caller caller, String slug, AuditFilter filter, String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ValidationException("limit", "must be between 1 and " + MAX_PAGE);
        }
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        access.require(caller, workspace, Permission.READ_AUDIT_LOG);
        List<AuditEntry> found = log.page(workspace.id(), filter, cursor == null ? null : entryId(cursor), limit + 1);
        boolean more = found.size() > limit;
        List<AuditEntry> entries = more ? found.subList(0, limit) : found;
        return new AuditPage(List.copyOf(entries), more ? entries.get(entries.size() - 1).publicId() : null, more);
    }

    private static UUID entryId(String cursor) {
        try {
            return TypeId.parse(AuditEntry.ID_PREFIX, cursor);
        } catch (IllegalArgumentException notAnEntry) {
            throw new ValidationException("cursor", "must be the id of an audit entry from a previous page (aud_...)");
        }
    }
}

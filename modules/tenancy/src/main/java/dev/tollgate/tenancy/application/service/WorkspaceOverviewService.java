package dev.tollgate.tenancy.application.service;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.DataPlaneStatistics;
import dev.tollgate.tenancy.application.port.in.ReadWorkspaceOverviewUseCase;
import dev.tollgate.tenancy.application.port.out.AuditLog;
import dev.tollgate.tenancy.application.port.out.MembershipStore;
import dev.tollgate.tenancy.domain.AuditEntry;
import dev.tollgate.tenancy.domain.AuditFilter;
import dev.tollgate.tenancy.domain.Organization;
import dev.tollgate.tenancy.domain.Permission;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** "Recently" is the last seven days; "today" the UTC day, as the usage figures count days. */
@Singleton
class WorkspaceOverviewService implements ReadWorkspaceOverviewUseCase {
    static final Duration RECENT = Duration.ofDays(7);
    private final WorkspaceService workspaces;
    private final OrganizationAccess access;
    private final MembershipStore memberships;
    private final AuditLog audit;
    private final DataPlaneStatistics dataPlane;
    private final Clock clock;

    WorkspaceOverviewService(WorkspaceService workspaces, OrganizationAccess access, MembershipStore memberships, AuditLog audit,
                             DataPlaneStatistics dataPlane, Clock clock) {
        this.workspaces = workspaces;
        this.access = access;
        this.memberships = memberships;
        this.audit = audit;
        this.dataPlane = dataPlane;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Overview overview(Caller caller, String slug) {
        Organization workspace = workspaces.getBySlugForbiddingStrangers(caller, slug);
        Instant now = clock.instant();
        Instant recent = now.minus(RECENT);
        Instant today = now.atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<AuditEntry> activity = mayReadAuditLog(caller, workspace)
                ? audit.page(workspace.id(), AuditFilter.ALL, null, RECENT_ACTIVITY) : List.of();
        return new Overview(dataPlane.of(workspace.id(), recent, today), memberships.countMembers(workspace.id()),
                memberships.countActiveSince(workspace.id(), recent), activity);
    }

    private boolean mayReadAuditLog(Caller caller, Organization workspace) {
        try {
            access.require(caller, workspace, Permission.READ_AUDIT_LOG);
            return true;
        } catch (dev.tollgate.platform.domain.ForbiddenException notAnAdmin) {
            return false;
        }
    }
}

package dev.tollgate.tenancy.application.port.in;

import dev.tollgate.tenancy.api.Caller;
import dev.tollgate.tenancy.api.spi.DataPlaneStatistics.Statistics;
import dev.tollgate.tenancy.domain.AuditEntry;
import java.util.List;

/** A workspace at a glance, for any of its members: its data plane, its people and what happened last. */
public interface ReadWorkspaceOverviewUseCase {
    int RECENT_ACTIVITY = 10;

    Overview overview(Caller caller, String slug);

    /**
     * {@code recentActivity} is empty for members who may not read the audit log (below admin): the overview shows
     * what they may see.
     */
    record Overview(Statistics dataPlane, long members, long membersActiveThisWeek, List<AuditEntry> recentActivity) {
    }
}

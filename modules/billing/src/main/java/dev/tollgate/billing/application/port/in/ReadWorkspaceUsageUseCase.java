package dev.tollgate.billing.application.port.in;

import dev.tollgate.billing.domain.usage.Granularity;
import dev.tollgate.tenancy.api.Caller;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's usage of the proxy, measured by the system namespace's meters for its organization, over its billing
 * periods (those of its tier subscription). Any member may read it; a stranger to the workspace is forbidden.
 */
public interface ReadWorkspaceUsageUseCase {
    /** The billing period running now, measured up to now. */
    WorkspaceUsage current(Caller caller, String workspaceSlug);

    /**
     * The billing period named {@code YYYY-MM}, the one that begins in that UTC month; not found when the workspace had
     * none then (or it has not begun). A malformed name is refused once the workspace is known to the caller.
     */
    WorkspaceUsage ofPeriod(Caller caller, String workspaceSlug, String billingPeriod);

    /** One entry per window between two UTC dates, both inclusive (windows without usage count zero). */
    List<WorkspaceUsage> history(Caller caller, String workspaceSlug, LocalDate first, LocalDate last, Granularity granularity);

    /** Usage in {@code [from, to)}: queries relayed, bytes sent to clients and connection time through the proxy. */
    record WorkspaceUsage(UUID workspaceId, Instant from, Instant to, long queries, long bytesToClient, BigDecimal connectionSeconds) {
    }
}

package dev.tollgate.proxy.application.port.in;

import dev.tollgate.proxy.domain.DailyUsage;
import dev.tollgate.proxy.domain.UsageReportDays;
import dev.tollgate.tenancy.api.Caller;
import java.util.List;

/** PgBeam's usage reports, read from the system namespace's proxy meters: one row per UTC day (and region). */
public interface GetUsageUseCase {
    /** Every day of the period, summed over the organization's projects and regions (zero on days without traffic). */
    List<DailyUsage> organizationUsage(Caller caller, String organizationId, UsageReportDays period);

    /** The days and regions in which the project had traffic, ordered by day then region. */
    List<DailyUsage> projectUsage(Caller caller, String projectId, UsageReportDays period);
}
